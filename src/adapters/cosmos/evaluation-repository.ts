// Evaluations in the `tenders` container (pk = tenant id), beside the bids they are about: one item per
// member per bid, `eval-<sha256(bid|member)>`, so a member's later evaluation is an upsert of the same
// item and thirty members evaluating at once write thirty different items. zod-checked when read.

import type { Container, SqlParameter } from '@azure/cosmos';
import { z } from 'zod';
import type { EvaluationRepository } from '../../app/ports.js';
import { evaluationId } from '../../app/evaluation.js';
import { MARKS, PEJLEMAERKER, type Evaluation, type EvaluationMarks } from '../../domain/evaluation.js';
import { isItemId } from './cosmos-errors.js';


const MarksSchema = z.object(Object.fromEntries(PEJLEMAERKER.map((p) => [p, z.enum(MARKS)])) as Record<(typeof PEJLEMAERKER)[number], z.ZodEnum<['ja', 'delvist', 'nej']>>);

export const EvaluationItemSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('evaluation'),
  tenantId: z.string(),
  tenderId: z.string(),
  bidId: z.string(),
  groupId: z.string(),
  bidderId: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  marks: MarksSchema,
  comments: z.record(z.enum(PEJLEMAERKER), z.string()),
  bidVersion: z.string(),
  evaluatedAt: z.string(),
});

const MarksRowSchema = EvaluationItemSchema.pick({ bidId: true, bidderId: true, marks: true });
/** The overview reads only this of an evaluation: never its comments or who wrote it. */
const MARKS_PROJECTION = 'c.bidId, c.bidderId, c.marks';

function toEvaluation(resource: unknown): Evaluation {
  const { pk: _pk, type: _type, ...evaluation } = EvaluationItemSchema.parse(resource);
  return evaluation;
}

export class CosmosEvaluationRepository implements EvaluationRepository {
  constructor(private readonly container: Container) {}

  private async query(tenantId: string, where: string, parameters: SqlParameter[], select = '*') {
    const { resources } = await this.container.items
      .query<Record<string, unknown>>(
        { query: `SELECT ${select} FROM c WHERE c.pk = @pk AND c.type = 'evaluation' AND ${where}`, parameters: [{ name: '@pk', value: tenantId }, ...parameters] },
        { partitionKey: tenantId },
      )
      .fetchAll();
    return resources;
  }

  async get(tenantId: string, bidId: string, memberId: string): Promise<Evaluation | undefined> {
    const { resource, statusCode } = await this.container.item(evaluationId(bidId, memberId), tenantId).read();
    return statusCode === 404 || !resource || resource.type !== 'evaluation' ? undefined : toEvaluation(resource);
  }

  async put(evaluation: Evaluation): Promise<void> {
    await this.container.items.upsert({ ...evaluation, pk: evaluation.tenantId, type: 'evaluation' });
  }

  async ofBid(tenantId: string, bidId: string): Promise<Evaluation[]> {
    if (!isItemId(bidId)) return [];
    return (await this.query(tenantId, 'c.bidId = @b', [{ name: '@b', value: bidId }])).map(toEvaluation);
  }

  async marksOfBids(tenantId: string, bidIds: readonly string[]): Promise<EvaluationMarks[]> {
    if (bidIds.length === 0) return [];
    const rows = await this.query(tenantId, 'ARRAY_CONTAINS(@ids, c.bidId)', [{ name: '@ids', value: [...bidIds] }], MARKS_PROJECTION);
    return rows.map((r) => MarksRowSchema.parse(r));
  }

  async marksOfTender(tenantId: string, tenderId: string): Promise<EvaluationMarks[]> {
    const rows = await this.query(tenantId, 'c.tenderId = @t', [{ name: '@t', value: tenderId }], MARKS_PROJECTION);
    return rows.map((r) => MarksRowSchema.parse(r));
  }
}
