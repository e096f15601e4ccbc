/**
 * The project's documentation is part of the repository: every `docs/<page>.md#anchor` a comment, spec or the
 * README cites must name a heading of that page, and every link between the pages must resolve.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repositoryRoot } from './support/fixtures';
import { projectFiles } from './support/project-files';

const root = repositoryRoot();

/** GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces → '-'. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(page: string): Set<string> {
  const text = readFileSync(path.join(root, 'docs', page), 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => headingAnchor(m[1])));
}

describe('docs: the project documents itself', () => {
  const pages = readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));

  it('turns headings into the anchors GitHub gives them', () => {
    assert.equal(headingAnchor('Compression (LZW)'), 'compression-lzw');
    assert.equal(headingAnchor('Push-pull'), 'push-pull');
    assert.equal(headingAnchor('Joining a go-doudou cluster'), 'joining-a-go-doudou-cluster');
  });

  it('has the architecture, wire-format and go-doudou pages', () => {
    for (const page of ['architecture.md', 'gossip-wire-format.md', 'go-doudou-differences.md']) assert.ok(pages.includes(page), page);
  });

  it('cites only headings that exist wherever a source points at docs/<page>.md#anchor', () => {
    const broken: string[] = [];
    for (const { file, text } of projectFiles()) {
      for (const m of text.matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g)) {
        if (!pages.includes(m[1]) || !anchorsOf(m[1]).has(m[2])) broken.push(`${file}: docs/${m[1]}#${m[2]}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('links between its pages only to pages and headings that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(path.join(root, 'docs', page), 'utf8');
      for (const m of text.matchAll(/\]\((?!https?:)([\w./-]*?)(?:#([\w-]+))?\)/g)) {
        const target = m[1] === '' ? page : m[1];
        if (!target.endsWith('.md') || target.includes('/')) continue; // files of the repository, checked by path below
        if (!pages.includes(target) || (m[2] && !anchorsOf(target).has(m[2]))) broken.push(`${page}: ${m[0]}`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
