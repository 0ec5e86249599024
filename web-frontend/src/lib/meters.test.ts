import { describe, expect, it } from 'vitest';
import { formatMeter, formatMeterExact, formatMoney, toBaseUnit, toDisplayUnit } from './meters.ts';

describe('meters in the units people read', () => {
  it('shows points with an SI suffix, seconds as hours and byte-seconds as GB-hours', () => {
    expect(formatMeter('DATA_POINTS', 1_234_567)).toBe('1.23M points');
    expect(formatMeter('DATA_POINTS', 950)).toBe('950 points');
    expect(formatMeter('TRACKED_HOURS', 45_000)).toBe('12.5 h');
    expect(formatMeter('STORAGE_BYTES', 3.6e12 * 24)).toBe('24 GB-hours');
    expect(formatMeter('STORAGE_BYTES', '0')).toBe('0 GB-hours');
  });

  it('reads the decimal strings and numbers the API sends alike, and treats a missing value as zero', () => {
    expect(toDisplayUnit('TRACKED_HOURS', '7200')).toBe(2);
    expect(toDisplayUnit('TRACKED_HOURS', undefined)).toBe(0);
    expect(toDisplayUnit('DATA_POINTS', 'not a number')).toBe(0);
  });

  it('turns a typed limit back into whole base units for points and seconds', () => {
    expect(toBaseUnit('DATA_POINTS', 1.5e6)).toBe(1_500_000);
    expect(toBaseUnit('TRACKED_HOURS', 2.5)).toBe(9000);
    expect(toBaseUnit('STORAGE_BYTES', 1)).toBe(3.6e12);
  });

  it('gives the full value on hover with the base unit the API counts in', () => {
    expect(formatMeterExact('TRACKED_HOURS', 5400)).toBe('1.5 h (5400 seconds)');
    expect(formatMeterExact('DATA_POINTS', 1234567)).toBe('1,234,567 points');
  });

  it('formats money in the plan currency with cents', () => {
    expect(formatMoney(12.4, 'USD')).toBe('$12.40');
    expect(formatMoney('0', 'EUR')).toBe('€0.00');
    expect(formatMoney(0.005, 'USD')).toBe('$0.005');
  });
});
