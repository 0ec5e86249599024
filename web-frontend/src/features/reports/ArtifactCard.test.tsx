import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ArtifactReference } from './ArtifactCard.tsx';
import { ReportBlocks } from './Blocks.tsx';
import { ARTIFACT_ID, renderedReport, sharedView, TOKEN } from './fixtures.ts';
import { formatBytes } from '../../lib/format.ts';
import type { ArtifactData, ArtifactReferenceBlock } from './types.ts';

// The report below also holds a chart; happy-dom has no canvas, so uPlot is a stub here.
vi.mock('uplot', () => {
  const UPlot = vi.fn(function (this: { destroy: () => void; setSize: () => void }) {
    this.destroy = () => {};
    Object.assign(this, { over: document.createElement('div'), setSize: () => {}, batch: (fn: () => void) => fn() });
    this.setSize = () => {};
  }) as unknown as { paths: unknown };
  UPlot.paths = { linear: () => null };
  return { default: UPlot };
});

const dataPanel = renderedReport.panels.find((p) => p.blockId === 'data') as ArtifactData;
const modelPanel = renderedReport.panels.find((p) => p.blockId === 'model') as ArtifactData;
const dataBlock = sharedView.blocks.find((b) => b.id === 'data') as ArtifactReferenceBlock;
const modelBlock = sharedView.blocks.find((b) => b.id === 'model') as ArtifactReferenceBlock;

const PATHS = ['train/shard 01.tar', 'labels #1?a=b&c=d.csv', 'notes/résumé ✓.txt'];
const ENCODED = ['train%2Fshard%2001.tar', 'labels%20%231%3Fa%3Db%26c%3Dd.csv', 'notes%2Fr%C3%A9sum%C3%A9%20%E2%9C%93.txt'];

function links(container: HTMLElement) {
  return [...container.querySelectorAll('a')];
}

describe('ArtifactReference', () => {
  it('shows a resolved reference as a card: name, type, version, what was asked, description, size, files', () => {
    const { container } = render(<ArtifactReference block={dataBlock} data={dataPanel} shareToken={undefined} />);

    const card = container.querySelector('.artifact-card')!;
    expect(within(card as HTMLElement).getByRole('heading').textContent).toBe('Artifact imagenet-subset v3');
    expect(card.querySelector('.panel-meta')!.textContent).toBe(
      'dataset · asked for version 3 · 1.5 GiB in 3 files · committed 2026-11-19 12:00:00 UTC',
    );
    expect(screen.getByText('10 classes, 128 px, deduplicated.')).toBeTruthy();

    const rows = within(card as HTMLElement)
      .getAllByRole('row')
      .map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['file', 'size', 'sha256'],
      ['train/shard 01.tar', '1.5 GiB', '9f86d081884c'],
      ['labels #1?a=b&c=d.csv', '2 KiB', '60303ae22b99'],
      ['notes/résumé ✓.txt', '5 B', 'e3b0c44298fc'],
    ]);
    // The full checksum and exact size stay one hover away.
    expect(screen.getByText('9f86d081884c').getAttribute('title')).toBe(dataPanel.artifact!.files[0]!.sha256);
    expect(screen.getByText('5 B').getAttribute('title')).toBe('5 bytes');
  });

  it('links every file to the artifacts API on the member page, path encoded', () => {
    const { container } = render(<ArtifactReference block={dataBlock} data={dataPanel} shareToken={undefined} />);

    const anchors = links(container);
    expect(anchors.map((a) => a.textContent)).toEqual(PATHS);
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(
      ENCODED.map((path) => `/api/v1/artifacts/${ARTIFACT_ID}/versions/3/file?path=${path}`),
    );
    for (const a of anchors) {
      expect(a.hasAttribute('download')).toBe(true);
      expect(a.getAttribute('target')).toBeNull();
    }
    // Each link asks for exactly its path: no fragment, no extra parameter.
    expect(anchors.map((a) => new URL(a.getAttribute('href')!, 'https://runledger.test').searchParams.get('path'))).toEqual(
      PATHS,
    );
  });

  it('links every file through the share link on the shared page: same-origin, by block, no referrer', () => {
    const { container } = render(<ArtifactReference block={dataBlock} data={dataPanel} shareToken={TOKEN} />);

    const anchors = links(container);
    expect(anchors.map((a) => a.getAttribute('href'))).toEqual(
      ENCODED.map((path) => `/api/v1/shared/reports/${TOKEN}/artifacts/data/file?path=${path}`),
    );
    for (const a of anchors) {
      const url = new URL(a.getAttribute('href')!, 'https://runledger.test');
      expect(url.origin).toBe('https://runledger.test');
      expect(url.hash).toBe('');
      expect(a.hasAttribute('download')).toBe(true);
      expect(a.getAttribute('rel')).toBe('noreferrer');
      expect(a.getAttribute('referrerpolicy')).toBe('no-referrer');
      expect(a.getAttribute('target')).toBeNull();
    }
    // No artifact id is needed (nor offered) on the shared page: the link grants the report's files by block.
    expect(container.innerHTML).not.toContain(ARTIFACT_ID);
  });

  it('says a reference that no longer resolves is not available, with no links', () => {
    const { container } = render(<ArtifactReference block={modelBlock} data={modelPanel} shareToken={TOKEN} />);

    expect(container.textContent).toBe('artifact resnet-weights (production) is not available');
    expect(links(container)).toHaveLength(0);
    // An explicit null (rather than an omitted field) reads the same.
    const { container: other } = render(
      <ArtifactReference block={modelBlock} data={{ ...modelPanel, artifact: null }} shareToken={undefined} />,
    );
    expect(other.textContent).toBe('artifact resnet-weights (production) is not available');
  });

  it('names the alias that was asked for, or the latest version, and handles a version without files', () => {
    const artifact = { ...dataPanel.artifact!, description: '', files: [], totalBytes: 0, type: 'model', version: 7 };
    const { container, rerender } = render(
      <ArtifactReference
        block={modelBlock}
        data={{ ...modelPanel, artifact }}
        shareToken={undefined}
      />,
    );
    expect(container.querySelector('.panel-meta')!.textContent).toContain('model · asked for alias production · 0 B in 0 files');
    expect(container.querySelector('h3')!.textContent).toBe('Artifact imagenet-subset v7');
    expect(screen.getByText('This version has no files.')).toBeTruthy();
    expect(container.querySelector('.artifact-description')).toBeNull();

    const latest: ArtifactReferenceBlock = { id: 'l', type: 'artifactReference', artifactName: 'imagenet-subset' };
    rerender(
      <ArtifactReference
        block={latest}
        data={{ blockId: 'l', type: 'artifactReference', artifactName: 'imagenet-subset', ref: 'latest', artifact }}
        shareToken={undefined}
      />,
    );
    expect(container.querySelector('.panel-meta')!.textContent).toContain('asked for latest ·');
  });

  it('renders names, descriptions and paths as text, never as HTML', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const artifact = {
      ...dataPanel.artifact!,
      name: evil,
      description: `<script>alert(1)</script> [x](javascript:alert(1))`,
      files: [{ path: evil, size: 1, sha256: dataPanel.artifact!.files[0]!.sha256 }],
    };
    const { container } = render(
      <ArtifactReference block={dataBlock} data={{ ...dataPanel, artifact }} shareToken={TOKEN} />,
    );

    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getAllByText(evil)).toHaveLength(2);
    expect(links(container).map((a) => a.getAttribute('href'))).toEqual([
      `/api/v1/shared/reports/${TOKEN}/artifacts/data/file?path=${encodeURIComponent(evil)}`,
    ]);
  });

  it('shows a path that cannot be encoded (a lone surrogate) as text instead of a broken link', () => {
    const artifact = { ...dataPanel.artifact!, files: [{ path: 'bad\uD800.bin', size: 1, sha256: 'ab'.repeat(32) }] };
    const { container } = render(
      <ArtifactReference block={dataBlock} data={{ ...dataPanel, artifact }} shareToken={undefined} />,
    );

    expect(links(container)).toHaveLength(0);
    expect(container.querySelector('.artifact-files tbody td')!.textContent).toBe('bad\uD800.bin');
  });
});

describe('artifact blocks in a report', () => {
  it('resolve once the data is loaded, with download links for the page they are on', () => {
    const member = render(<ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} />);
    expect(member.container.querySelector('[data-block-id="model"]')!.textContent).toBe(
      'artifact resnet-weights (production) is not available',
    );
    expect(member.container.querySelector('[data-block-id="data"] a')!.getAttribute('href')).toBe(
      `/api/v1/artifacts/${ARTIFACT_ID}/versions/3/file?path=${ENCODED[0]}`,
    );
    member.unmount();

    const shared = render(
      <ReportBlocks blocks={sharedView.blocks} panels={{ kind: 'loaded', data: renderedReport }} shareToken={TOKEN} />,
    );
    expect(shared.container.querySelector('[data-block-id="data"] a')!.getAttribute('href')).toBe(
      `/api/v1/shared/reports/${TOKEN}/artifacts/data/file?path=${ENCODED[0]}`,
    );
  });
});

describe('formatBytes', () => {
  it('is exact below 1 KiB and uses binary units to one decimal above', () => {
    expect([0, 1023, 1024, 1536, 10 * 1024 * 1024 + 1, 1_610_612_736, 5 * 1024 ** 4].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1 KiB',
      '1.5 KiB',
      '10 MiB',
      '1.5 GiB',
      '5 TiB',
    ]);
  });
});
