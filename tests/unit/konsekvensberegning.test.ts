// The konsekvensberegning's figures, read the Danish way: whole kroner, 0 allowed, negative and "mio." refused by name.

import { describe, expect, it } from 'vitest';
import { parseKronerOrZero, validateKonsekvensInput } from '../../src/domain/konsekvensberegning.js';

describe('an amount in a konsekvensberegning', () => {
  it.each([
    ['1.250.000', 1_250_000],
    ['1250000', 1_250_000],
    ['250 000 kr.', 250_000],
    ['kr. 250.000,-', 250_000],
    ['0', 0],
    ['0 kr.', 0],
    ['0,00', 0],
  ])('reads %s as %d kr.', (typed, kr) => expect(parseKronerOrZero(typed)).toEqual({ ok: true, kr }));

  it.each([
    ['1,5 mio.', 'MILLIONS'],
    ['2 mia', 'MILLIONS'],
    ['-5.000', 'NEGATIVE'],
    ['kr. -5', 'NEGATIVE'],
    ['0,50', 'NOT_WHOLE'],
    ['12,5', 'NOT_WHOLE'],
    ['mange penge', 'NOT_A_NUMBER'],
    ['1.000.000.001', 'TOO_LARGE'],
  ])('refuses %s (%s)', (typed, code) => expect(parseKronerOrZero(typed)).toEqual({ ok: false, code }));
});

describe('the figures together', () => {
  it('are all required (0 where there is none) and checked at once, each at its field', () => {
    const result = validateKonsekvensInput({ oneOffKr: '', yearlyKr: '1,5 mio.', years: '51', yearlySavingsKr: '-1', note: 'x'.repeat(2001) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.details?.map((e) => `${e.field}:${e.code}`)).toEqual(['oneOffKr:REQUIRED', 'yearlyKr:MILLIONS', 'yearlySavingsKr:NEGATIVE', 'years:YEARS', 'note:TOO_LONG']);
    expect(validateKonsekvensInput({ oneOffKr: '0', yearlyKr: '120.000', years: '3 år', yearlySavingsKr: '0', note: '' })).toEqual({
      ok: true,
      value: { oneOffKr: 0, yearlyKr: 120_000, years: 3, yearlySavingsKr: 0, note: '' },
    });
  });
});
