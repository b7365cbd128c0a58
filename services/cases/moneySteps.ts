import type pg from 'pg';
import type { z } from 'zod';
import type { IssueRectificationInput, ReportRectifiedInput, VerifyInput, InspectionCaseState } from '../../domain/inspectionCaseContract';
import { computePenalty, computedTotalYuan, penaltyIssues, type PenaltyComputation, type PenaltyInput } from '../../domain/penalty';
import { moneyMessage, type FormulaParams, type MoneyMessageCode } from '../../domain/penaltyTexts';
import { provinceOf } from '../../domain/tariffs';
import type { Lang } from '../../domain/text';
import { Problem, type FieldError } from '../../http/problem';
import { penaltyRuleSetOn } from '../penalty/penaltyRules';
import { chinaDay } from '../ruleSets/effectiveDate';
import { tariffCatalogue } from '../tariffs/tariffCatalogue';

// Money on a rectification order is computed, not typed (#17). Before the case workflow sees a step, the service checks
// what only the database knows — tariff categories against the catalogue, chosen multiples against the rule set in
// force on the detection day — and fills a wrong tariff's prices from the catalogue. Reports and verifications are
// checked against the order's computed total. Each refusal is a 422 naming its fields with message codes
// (domain/penaltyTexts.ts); the workflow's validators keep their own guards.

type Issue = { path: string; code: MoneyMessageCode; params?: FormulaParams };

function refuse(issues: Issue[], lang: Lang): never {
  const errors: FieldError[] = issues.map((i) => ({ path: i.path, code: i.code, message: moneyMessage(i.code, i.params ?? {}, lang), params: i.params }));
  throw new Problem(422, 'Unprocessable content', errors.map((e) => e.message).join('; '), errors, 'about:blank', issues[0].code);
}

type Order = z.infer<typeof IssueRectificationInput>;

/**
 * The order with its wrong-tariff prices taken from the catalogue (on the detection day, recorded in `priceSource`),
 * after every category is found in the catalogue of the case's province and every chosen penalty figure is within its
 * rule; else 422 (rectification.unknown-tariff, penalty.*).
 */
export async function prepareOrder(pool: pg.Pool, orgUnitId: string, order: Order, lang: Lang): Promise<Order> {
  const province = provinceOf(orgUnitId);
  const catalogue = tariffCatalogue(pool);
  const issues: Issue[] = [];
  const known = async (code: string, path: string, day: string) => {
    const e = await catalogue.entry(province, code, day);
    if (!e) issues.push({ path, code: 'rectification.unknown-tariff', params: { code, province } });
    return e;
  };
  const actions: Order['actions'] = [];
  for (const [i, a] of order.actions.entries()) {
    const at = `actions.${i}`;
    if (a.kind === 'tariff_reclassification') {
      await known(a.fromCategory, `${at}.fromCategory`, a.effectiveDate);
      await known(a.toCategory, `${at}.toCategory`, a.effectiveDate);
      actions.push(a);
      continue;
    }
    if (a.kind !== 'back_billing_and_penalty') {
      actions.push(a);
      continue;
    }
    let penalty: PenaltyInput = a.penalty;
    if (penalty.kind === 'wrong_tariff') {
      const { priceSource: _client, ...typed } = penalty;
      penalty = typed;
      if (typed.appliedCategory !== undefined && typed.correctCategory !== undefined) {
        const on = typed.detectedOn;
        const applied = await known(typed.appliedCategory, `${at}.penalty.appliedCategory`, on);
        const correct = await known(typed.correctCategory, `${at}.penalty.correctCategory`, on);
        for (const [e, field] of [[applied, 'appliedCategory'], [correct, 'correctCategory']] as const) {
          if (e && !e.price) issues.push({ path: `${at}.penalty.${field}`, code: 'penalty.no-tariff-price', params: { code: e.code, on } });
        }
        if (applied?.price && correct?.price) {
          penalty = {
            ...typed,
            appliedPriceYuanPerKwh: applied.price.priceYuanPerKwh,
            correctPriceYuanPerKwh: correct.price.priceYuanPerKwh,
            priceSource: {
              province, on,
              applied: { code: applied.code, effectiveFrom: applied.price.effectiveFrom, priceYuanPerKwh: applied.price.priceYuanPerKwh },
              correct: { code: correct.code, effectiveFrom: correct.price.effectiveFrom, priceYuanPerKwh: correct.price.priceYuanPerKwh },
            },
          };
        }
      }
    }
    // the rule set the activity will compute with: the detection day's (a capacity input without one: today's)
    const day = penalty.detectedOn ?? chinaDay(new Date());
    const set = await penaltyRuleSetOn(pool, day);
    if (!set) issues.push({ path: `${at}.penalty.detectedOn`, code: 'penalty.no-rule-set', params: { on: day } });
    else if (!issues.some((x) => x.path.startsWith(`${at}.`))) {
      for (const x of penaltyIssues(set, penalty, `${at}.penalty`)) issues.push({ path: x.path, code: x.code, params: x.params });
    }
    actions.push({ ...a, penalty });
  }
  if (issues.length) refuse(issues, lang);
  return { ...order, actions };
}

type Report = z.infer<typeof ReportRectifiedInput>;

/** A report of an order's collection: no typed recovered amount; collected within 0 … the computed total, with a receipt. */
export function checkReport(state: InspectionCaseState | null, report: Report, lang: Lang): void {
  if (report.amountRecoveredYuan !== undefined) refuse([{ path: 'amountRecoveredYuan', code: 'rectification.amount-typed' }], lang);
  const order = state?.stage === 'rectification' ? state.rectification : null;
  if (!order) return; // the workflow answers a step at the wrong stage in its own words
  const computed = computedTotalYuan(order.computations);
  const collected = report.collectedYuan;
  if (order.computations.length === 0) {
    if (collected !== undefined || report.receiptNo !== undefined) refuse([{ path: collected !== undefined ? 'collectedYuan' : 'receiptNo', code: 'rectification.no-money-actions' }], lang);
    return;
  }
  if (collected === undefined) refuse([{ path: 'collectedYuan', code: 'rectification.collected-required', params: { computed } }], lang);
  if (collected > computed) refuse([{ path: 'collectedYuan', code: 'rectification.collected-above-computed', params: { collected, computed } }], lang);
  if (collected > 0 && !report.receiptNo) refuse([{ path: 'receiptNo', code: 'rectification.receipt-required' }], lang);
}

/** Passing a report whose collected amount is not the computed total needs that amount confirmed. */
export function checkVerification(state: InspectionCaseState | null, v: z.infer<typeof VerifyInput>, lang: Lang): void {
  const order = state?.stage === 'verification' ? state.rectification : null;
  const collected = order?.report?.collectedYuan;
  if (!order || v.outcome !== 'pass' || collected === undefined) return;
  const computed = computedTotalYuan(order.computations);
  if (collected !== computed && v.confirmCollectedYuan !== collected) {
    refuse([{ path: 'confirmCollectedYuan', code: 'verification.collected-unconfirmed', params: { collected, computed } }], lang);
  }
}

/** What an order would charge, computed before it is issued. */
export interface OrderPreview {
  /** One per back-billing/penalty action, in order: amounts, formula (code + figures), rule set version and source. */
  computations: PenaltyComputation[];
  totalYuan: number;
}

/**
 * The amounts an order would come to (the issue dialog's calculator): the same checks and catalogue prices as issuing
 * (prepareOrder) and the same computation as the workflow's activity (computePenalty under the rule set in force on
 * the detection day) — no second formula. Refusals are the 422s issuing would answer.
 */
export async function previewOrder(pool: pg.Pool, orgUnitId: string, order: Order, lang: Lang): Promise<OrderPreview> {
  const prepared = await prepareOrder(pool, orgUnitId, order, lang);
  const computations: PenaltyComputation[] = [];
  for (const a of prepared.actions) {
    if (a.kind !== 'back_billing_and_penalty') continue;
    const set = await penaltyRuleSetOn(pool, a.penalty.detectedOn ?? chinaDay(new Date()));
    if (!set) continue; // prepareOrder refused already
    computations.push(computePenalty(set, a.penalty));
  }
  return { computations, totalYuan: computedTotalYuan(computations) };
}
