import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { Markdown, safeHref } from './Markdown.tsx';

function html(text: string): HTMLElement {
  return render(<Markdown text={text} />).container;
}

describe('Markdown', () => {
  it('renders headings, paragraphs, emphasis, code, lists and links', () => {
    const root = html(
      '# Results\n\nThe **best** run is *lr-0.1*, with `loss` 0.01.\n\n- one\n- two\n\n1. first\n2. second\n\n' +
        '```\nx = <b>1</b>\n```\n\nSee [the notes](https://example.com/notes).',
    );

    expect(root.querySelector('h2')?.textContent).toBe('Results');
    expect(root.querySelector('strong')?.textContent).toBe('best');
    expect(root.querySelector('em')?.textContent).toBe('lr-0.1');
    expect(root.querySelector('p code')?.textContent).toBe('loss');
    expect([...root.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect([...root.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['first', 'second']);
    expect(root.querySelector('pre code')?.textContent).toBe('x = <b>1</b>');
    expect(root.querySelector('pre b')).toBeNull();
    const link = root.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/notes');
    expect(link.getAttribute('rel')).toContain('noreferrer');
  });

  it('shows raw HTML as text and never creates script, img or event handlers', () => {
    const attack = '<script>alert(1)</script> and <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">x</a>';
    const root = html(attack);

    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('a')).toBeNull();
    expect(root.querySelector('[onerror]')).toBeNull();
    expect(root.textContent).toBe(attack);
  });

  it('keeps javascript:, data: and relative targets as plain text, not links', () => {
    const root = html(
      '[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [rel](/api/v1/projects) ' +
        '[spaced]( JAVASCRIPT:alert(1))',
    );

    expect(root.querySelectorAll('a')).toHaveLength(0);
    expect(root.textContent).toContain('click');
    expect(root.textContent).toContain('rel');
  });

  it('accepts only http, https and mailto hrefs', () => {
    expect(safeHref('https://runledger.io/x?y=1')).toBe('https://runledger.io/x?y=1');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('mailto:ml@acme.test')).toBe('mailto:ml@acme.test');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('jAvAsCrIpT:alert(1)')).toBeUndefined();
    expect(safeHref('vbscript:x')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
    expect(safeHref('https://')).toBeUndefined();
  });

  it('leaves unclosed markup as literal text', () => {
    const root = html('2 * 3 = 6 and a_b_c and train_loss_ema and `open');

    expect(root.textContent).toBe('2 * 3 = 6 and a_b_c and train_loss_ema and `open');
    expect(root.querySelector('em')).toBeNull();
  });
});
