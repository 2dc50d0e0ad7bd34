// "status kernegrupper" (core group status): the status across all kernegrupper on demand, for chefs,
// tovholdere and admins anywhere they talk to the bot (issue 13 point 4; seed 001: "Arbejdet i
// kernegrupperne diskuteres ½ time på hvert møde i Kommuneledelsen"). Others are refused, their words shown back.

import { crossStatusFor, type CrossStatusDeps, type CrossStatusError } from '../../app/cross-status.js';
import { whoIsActing } from '../../app/directory-admin.js';
import type { DirectoryRepository } from '../../app/ports.js';
import { crossStatusCard } from '../cards/cross-status-views.js';
import type { CardJson } from '../cards/render-card.js';
import { noticeCard } from '../cards/views.js';
import { text, type TextKey } from '../i18n/text.js';
import type { Turn } from './turn.js';

const ERROR_TEXT: Record<CrossStatusError, TextKey> = {
  'CROSS_STATUS.NOT_ALLOWED': 'error.crossStatusNotAllowed',
  'DIRECTORY.MISSING': 'error.directoryMissing',
};

export async function show(deps: CrossStatusDeps & { readonly directories: DirectoryRepository }, turn: Turn, input: string): Promise<CardJson> {
  const { actor, directory } = await whoIsActing(deps, turn.who.tenantId, turn.who.userId, turn.who.userName);
  const result = await crossStatusFor(deps, actor, directory?.value);
  if (!result.ok) return noticeCard(turn.who.locale, { text: text(turn.who.locale, ERROR_TEXT[result.code]), style: 'attention', input });
  turn.log.info({ groups: result.value.groups.length }, 'cross-group status shown');
  return crossStatusCard(turn.who.locale, { status: result.value });
}
