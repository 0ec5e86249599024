import type { ReactNode } from 'react';

/**
 * A small, safe Markdown renderer for report text. Report text is user input and share links are public, so
 * nothing here ever becomes HTML: every piece of text is a React text node (escaped by React), raw HTML in the
 * source stays visible as text, and only http(s) and mailto links become links (`javascript:` and everything
 * else stays text).
 *
 * Supported: ATX headings (`#` to `######`), paragraphs, blank-line separation, fenced code blocks (```),
 * unordered (`-`, `*`, `+`) and ordered (`1.`) lists, block quotes (`>`), horizontal rules, and inline
 * `code`, **strong**, *emphasis* / _emphasis_ and [links](https://...).
 */
export function Markdown({ text }: { text: string }) {
  return <div className="markdown">{renderBlocks(text)}</div>;
}

type MdBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'rule' };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*```/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;

export function parseBlocks(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    if (FENCE.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i]!)) code.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, text: heading[2]! });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : undefined;
    if (listPattern) {
      const items: string[] = [];
      while (i < lines.length && listPattern.exec(lines[i]!)) {
        items.push(listPattern.exec(lines[i]!)![1]!);
        i++;
      }
      blocks.push({ kind: 'list', ordered: listPattern === NUMBERED, items });
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i]!)) quoted.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ kind: 'quote', text: quoted.join(' ') });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines[i]!)) paragraph.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', text: paragraph.join(' ') });
  }
  return blocks;
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line) || QUOTE.test(line);
}

function renderBlocks(source: string): ReactNode[] {
  return parseBlocks(source).map((block, index) => {
    switch (block.kind) {
      case 'heading': {
        const Tag = `h${Math.min(6, block.level + 1)}` as 'h2'; // h1 is the report's title
        return <Tag key={index}>{renderInline(block.text)}</Tag>;
      }
      case 'paragraph':
        return <p key={index}>{renderInline(block.text)}</p>;
      case 'code':
        return (
          <pre key={index}>
            <code>{block.text}</code>
          </pre>
        );
      case 'list': {
        const items = block.items.map((item, n) => <li key={n}>{renderInline(item)}</li>);
        return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
      }
      case 'quote':
        return <blockquote key={index}>{renderInline(block.text)}</blockquote>;
      case 'rule':
        return <hr key={index} />;
    }
  });
}

/** Only these schemes become links; a relative or scheme-less target stays text too. */
export function safeHref(target: string): string | undefined {
  const trimmed = target.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const LINK = /^\[([^\]]*)\]\(([^()\s]*)\)/;

/** Inline markup, scanned left to right; anything that does not close is kept as literal text. */
export function renderInline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  let i = 0;
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && /[\\`*_[\]()#>-]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push(<code key={out.length}>{text.slice(i + 1, end)}</code>);
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const link = LINK.exec(rest);
      if (link) {
        flush();
        const href = safeHref(link[2]!);
        const label = renderInline(link[1]!);
        out.push(
          href ? (
            <a key={out.length} href={href} rel="noopener noreferrer nofollow" target="_blank">
              {label}
            </a>
          ) : (
            <span key={out.length}>{label}</span>
          ),
        );
        i += link[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const marker = text.startsWith(ch + ch, i) ? ch + ch : ch;
      const end = text.indexOf(marker, i + marker.length);
      // Underscores inside a word (train_loss, a_b_c) are not emphasis, as in CommonMark.
      const intraword =
        ch === '_' && (/[\p{L}\p{N}]/u.test(text[i - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end + marker.length] ?? ''));
      if (end > i + marker.length && text[i + marker.length] !== ' ' && !intraword) {
        flush();
        const inner = renderInline(text.slice(i + marker.length, end));
        out.push(marker.length === 2 ? <strong key={out.length}>{inner}</strong> : <em key={out.length}>{inner}</em>);
        i = end + marker.length;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}
