import { describe, expect, it } from 'vitest';
import { bodyOf, EMPTY_FORM, fieldOfProblem, formOf, formatPercent, levelOf, validate, type BudgetForm } from './budgetForm.ts';

const form = (changes: Partial<BudgetForm>): BudgetForm => ({ ...EMPTY_FORM, name: 'Points', limit: '1000000', ...changes });

describe('the budget form', () => {
  it('accepts a complete meter budget and sends its limit in base units', () => {
    const hours = form({ limits: 'TRACKED_HOURS', limit: '2.5', thresholds: '80, 50, 80', hardCap: true });
    expect(validate(hours)).toEqual({});
    expect(bodyOf(hours, 'USD')).toEqual({ name: 'Points', meter: 'TRACKED_HOURS', limit: 9000, thresholds: [50, 80], hardCap: true });
  });

  it('sends a money budget in the plan currency, and a project scope when one is chosen', () => {
    expect(bodyOf(form({ limits: 'MONEY', limit: '250', project: 'p-1' }), 'EUR')).toMatchObject({
      currency: 'EUR',
      limit: 250,
      project: 'p-1',
    });
  });

  it('names each field a person got wrong before anything is sent', () => {
    const errors = validate(form({ name: ' ', limit: '-3', thresholds: '50, abc', webhookUrl: 'http://hooks.example.com/x' }));
    expect(Object.keys(errors).sort()).toEqual(['limit', 'name', 'thresholds', 'webhookUrl']);
    expect(errors.webhookUrl).toBe('Webhooks go to https:// URLs only.');
    expect(validate(form({ thresholds: '0, 50' })).thresholds).toMatch(/between 1 and 1000/);
    expect(validate(form({ thresholds: '1,2,3,4,5,6,7,8,9,10,11' })).thresholds).toMatch(/Up to 10/);
    expect(validate(form({ webhookUrl: 'https://user:pw@hooks.example.com' })).webhookUrl).toMatch(/credentials/);
    expect(validate(form({ limit: '1e31' })).limit).toMatch(/below 10\^30/);
  });

  it('reads a saved budget back into the form in the units it was typed in', () => {
    expect(
      formOf({ name: 'Storage', meter: 'STORAGE_BYTES', limitQuantity: 3.6e12 * 48, thresholds: [90, 100], hardCap: true }),
    ).toEqual({ name: 'Storage', project: '', limits: 'STORAGE_BYTES', limit: '48', thresholds: '90, 100', hardCap: true, webhookUrl: '' });
    expect(formOf({ name: 'Money', limitAmount: { amount: 120, currency: 'USD' } }).limits).toBe('MONEY');
  });

  it('puts the server’s problem detail next to the field it names', () => {
    expect(fieldOfProblem('webhookUrl host hooks.invalid does not resolve')).toBe('webhookUrl');
    expect(fieldOfProblem('name must be 1 to 200 printable characters')).toBe('name');
    expect(fieldOfProblem('the limit must be a positive number below 10^30')).toBe('limit');
    expect(fieldOfProblem('thresholds are 1 to 10 percentages between 1 and 1000')).toBe('thresholds');
    expect(fieldOfProblem("project 'abc' does not exist")).toBe('project');
    expect(fieldOfProblem('the budget\u2019s currency EUR differs from the currency this organisation is billed in, USD')).toBe('limits');
    expect(fieldOfProblem('an organisation can have at most 100 budgets')).toBeUndefined();
  });

  it('colours usage neutral below the warning threshold, amber from it, red at the cap', () => {
    expect(levelOf(79, [50, 80, 100])).toBe('ok');
    expect(levelOf(80, [50, 80, 100])).toBe('warning');
    expect(levelOf(100, [50, 80, 100])).toBe('reached');
    expect(levelOf(60, [60, 100])).toBe('warning');
    expect(levelOf(85, [100])).toBe('warning');
  });

  it('shows small percentages with a decimal so a fresh budget does not read 0 %', () => {
    expect(formatPercent(0.126)).toBe('0.1');
    expect(formatPercent(0.04)).toBe('< 0.1');
    expect(formatPercent(0)).toBe('0.0');
    expect(formatPercent(87.4)).toBe('87');
    expect(formatPercent(126_981_600)).toBe('127M');
  });
});
