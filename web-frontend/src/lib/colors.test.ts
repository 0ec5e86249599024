import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { assignSlots, hashSlot, RUN_PALETTE, runColor, useRunsDrawnTogether } from './colors.ts';

type Vec = [number, number, number];

const linear = (hex: string): Vec =>
  [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Vec;

const times = (m: number[][], v: Vec): Vec => m.map((row) => row[0]! * v[0] + row[1]! * v[1] + row[2]! * v[2]) as Vec;

// Machado, Oliveira & Fernandes (2009), severity 1, on linear RGB.
const SIMULATIONS: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

function lab(rgb: Vec): Vec {
  const clamped = rgb.map((c) => Math.min(1, Math.max(0, c))) as Vec;
  const xyz = times([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]], clamped);
  const [fx, fy, fz] = [xyz[0] / 0.95047, xyz[1], xyz[2] / 1.08883].map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116)) as Vec;
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const distance = (a: Vec, b: Vec) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const luminance = (hex: string) => {
  const [r, g, b] = linear(hex);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

describe('run colours', () => {
  it('keeps every two palette colours apart for normal vision and the three colour blindnesses', () => {
    for (const [name, matrix] of Object.entries(SIMULATIONS)) {
      for (let i = 0; i < RUN_PALETTE.length; i++) {
        for (let j = i + 1; j < RUN_PALETTE.length; j++) {
          const a = lab(times(matrix, linear(RUN_PALETTE[i]!)));
          const b = lab(times(matrix, linear(RUN_PALETTE[j]!)));
          expect(distance(a, b), `${RUN_PALETTE[i]} vs ${RUN_PALETTE[j]} (${name})`).toBeGreaterThan(12);
        }
      }
    }
  });

  it('has no colour too faint for the light background or too dark for the dark one', () => {
    for (const colour of RUN_PALETTE) {
      expect(luminance(colour), colour).toBeGreaterThan(0.11);
      expect(luminance(colour), colour).toBeLessThan(0.45);
    }
  });

  it('gives a run the same colour every time, and different runs spread over the palette', () => {
    expect(runColor('run-a')).toBe(runColor('run-a'));
    const used = new Set(Array.from({ length: 200 }, (_, i) => runColor(`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`)));
    expect(used.size).toBe(RUN_PALETTE.length);
  });

  it('gives no two of up to ten runs drawn together the same palette slot, in thousands of random sets', () => {
    let seed = 42;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const uuid = () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
    let collidingByHash = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const ids = Array.from({ length: 2 + (trial % 9) }, uuid);
      const slots = assignSlots(ids);
      expect(new Set(slots.values()).size, ids.join(' ')).toBe(ids.length);
      if (new Set(ids.map(hashSlot)).size < ids.length) collidingByHash++;
    }
    // The hash alone collides in most of these sets: the assignment is what keeps them apart.
    expect(collidingByHash).toBeGreaterThan(1000);
  });

  it('keeps the hash colour of every run whose slot no other run of the set wants, whatever the order', () => {
    const ids = Array.from({ length: 8 }, (_, i) => `run-${i * 7}`);
    const slots = assignSlots(ids);
    expect(assignSlots([...ids].reverse())).toEqual(slots);
    for (const id of ids) {
      const alone = ids.filter((other) => hashSlot(other) === hashSlot(id)).length === 1;
      if (alone) expect(slots.get(id), id).toBe(hashSlot(id));
    }
    // Among runs wanting one slot, the smallest id keeps it.
    const wanting = ids.filter((id) => ids.some((other) => other !== id && hashSlot(other) === hashSlot(id))).sort();
    if (wanting.length > 0) expect(slots.get(wanting[0]!)).toBe(hashSlot(wanting[0]!));
  });

  it('spreads more runs than hues evenly: no slot holds more than its share', () => {
    const ids = Array.from({ length: 25 }, (_, i) => `r${i}`);
    const counts = new Map<number, number>();
    for (const slot of assignSlots(ids).values()) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(3);
    expect(assignSlots(ids).size).toBe(25);
  });

  it('colours the runs a screen draws together apart everywhere on it, and forgets them when it goes', () => {
    // Two ids with the same hash slot: alone, they look the same.
    const first = 'run-0';
    const twin = Array.from({ length: 100 }, (_, i) => `twin-${i}`).find((id) => hashSlot(id) === hashSlot(first))!;
    expect(runColor(first)).toBe(runColor(twin));
    const screen = renderHook(({ ids }) => useRunsDrawnTogether(ids), { initialProps: { ids: [first, twin] } });
    expect(runColor(first)).not.toBe(runColor(twin));
    expect([runColor(first), runColor(twin)]).toContain(RUN_PALETTE[hashSlot(first)]);
    screen.unmount();
    expect(runColor(first)).toBe(runColor(twin));
  });
});
