// The catalogue as an Excel workbook (exceljs): "Katalog" with one row per activity, kroner formats, a
// total row and the frame with what is left or over; "Dækning" with the activities serving each
// forudsætning and those no activity serves yet; "Ramme" with the frame's revisions. Totals are
// formulas (with their values cached), so a kernegruppe trying a figure at the temamøde sees the sum
// follow. Loaded lazily (at the first download): exceljs is large, and most starts never export.

import ExcelJS from 'exceljs';
import { text, type TextKey } from '../i18n/text.js';
import type { ExportModel } from './catalogue-export.js';

/** Whole kroner, Danish style in a Danish Excel ("1.250.000 kr."); Excel maps the separators to the reader's locale. */
export const KRONER_FORMAT = '#,##0 "kr."';

const bold = { bold: true } as const;

export async function catalogueXlsx(m: ExportModel): Promise<Buffer> {
  const say = (key: TextKey) => text(m.locale, key);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kerneopgave-bot';
  wb.title = m.title;

  const ws = wb.addWorksheet(say('export.sheet.catalogue'), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: say('export.col.title'), key: 'title', width: 36 },
    { header: say('export.col.tender'), key: 'tender', width: 28 },
    { header: say('export.col.bidNumber'), key: 'bidNumber', width: 9 },
    { header: say('export.col.forudsaetninger'), key: 'forudsaetninger', width: 48 },
    { header: say('export.col.oneOff'), key: 'oneOff', width: 16, style: { numFmt: KRONER_FORMAT } },
    { header: say('export.col.yearly'), key: 'yearly', width: 16, style: { numFmt: KRONER_FORMAT } },
    { header: say('export.col.againstFrame'), key: 'againstFrame', width: 16, style: { numFmt: KRONER_FORMAT } },
    { header: say('export.col.costSource'), key: 'costSource', width: 22 },
    { header: say('export.col.responsible'), key: 'responsible', width: 24 },
    { header: say('export.col.crossCutting'), key: 'crossCutting', width: 12 },
    { header: say('export.col.state'), key: 'state', width: 24 },
    { header: say('export.col.override'), key: 'override', width: 40 },
  ];
  ws.getRow(1).font = bold;
  const counted: number[] = [];
  m.rows.forEach((r, i) => {
    const n = i + 2;
    if (r.counts) counted.push(n);
    const row = ws.addRow({
      title: r.title,
      tender: r.tender,
      bidNumber: r.bidNumber,
      forudsaetninger: r.forudsaetninger.join('\n'),
      oneOff: r.oneOffKr,
      yearly: r.yearlyKr,
      againstFrame: { formula: `E${n}+F${n}`, result: r.againstFrameKr },
      costSource: r.costSource,
      responsible: r.responsible,
      crossCutting: r.crossCutting,
      state: r.state,
      override: r.overrideReason,
    });
    row.getCell('forudsaetninger').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('override').alignment = { wrapText: true, vertical: 'top' };
  });
  if (m.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + m.rows.length, column: 12 } };

  // Afviste activities are listed but not counted: the sums name the rows that count.
  const sumOf = (col: string, result: number) => (counted.length === 0 ? 0 : { formula: `SUM(${counted.map((n) => `${col}${n}`).join(',')})`, result });
  const oneOffTotal = m.rows.filter((r) => r.counts).reduce((s, r) => s + r.oneOffKr, 0);
  const yearlyTotal = m.rows.filter((r) => r.counts).reduce((s, r) => s + r.yearlyKr, 0);
  ws.addRow([]);
  const total = ws.addRow({ title: say('export.total'), oneOff: sumOf('E', oneOffTotal), yearly: sumOf('F', yearlyTotal), againstFrame: sumOf('G', m.totalKr) });
  total.font = bold;
  if (m.frameKr === undefined) {
    ws.addRow({ title: say('export.noFrame') });
  } else {
    const frame = ws.addRow({ title: say('export.frame'), againstFrame: m.frameKr });
    const left = m.leftKr ?? 0;
    const rest = ws.addRow({
      title: say(left >= 0 ? 'export.left' : 'export.over'),
      againstFrame: left >= 0 ? { formula: `G${frame.number}-G${total.number}`, result: left } : { formula: `G${total.number}-G${frame.number}`, result: -left },
    });
    rest.font = bold;
  }

  const cov = wb.addWorksheet(say('export.sheet.coverage'), { views: [{ state: 'frozen', ySplit: 1 }] });
  cov.columns = [
    { header: say('export.col.forudsaetning'), key: 'forudsaetning', width: 60 },
    { header: say('export.col.count'), key: 'count', width: 8 },
    { header: say('export.col.activities'), key: 'activities', width: 60 },
  ];
  cov.getRow(1).font = bold;
  for (const r of m.coverage) cov.addRow({ forudsaetning: r.forudsaetning, count: r.activities.length, activities: r.activities.join('\n') }).getCell('activities').alignment = { wrapText: true, vertical: 'top' };
  cov.addRow([]);
  cov.addRow({ forudsaetning: say(m.uncovered.length > 0 ? 'export.doc.uncovered' : 'export.doc.allCovered') }).font = bold;
  for (const u of m.uncovered) cov.addRow({ forudsaetning: u });

  const fr = wb.addWorksheet(say('export.sheet.frame'), { views: [{ state: 'frozen', ySplit: 1 }] });
  fr.columns = [
    { header: say('export.col.date'), key: 'at', width: 34 },
    { header: say('export.col.frameKr'), key: 'kr', width: 18, style: { numFmt: KRONER_FORMAT } },
    { header: say('export.col.by'), key: 'by', width: 24 },
    { header: say('export.col.note'), key: 'note', width: 60 },
  ];
  fr.getRow(1).font = bold;
  for (const f of m.frames) fr.addRow(f);
  if (m.frames.length === 0) fr.addRow({ at: say('export.doc.noFrames') });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
