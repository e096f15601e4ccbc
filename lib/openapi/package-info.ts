import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { oas30 } from 'openapi3-ts';

/** What the project's package.json says about the API, for the document's `info` when the App is not told. */
export interface PackageInfo {
  description?: string;
  contact?: oas30.ContactObject;
}

interface PackageJson {
  description?: unknown;
  author?: unknown;
  homepage?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** npm's `author`: `"Name <email> (url)"` (each part optional) or `{ name, email, url }`. */
function contactOf(author: unknown, homepage: unknown): oas30.ContactObject | undefined {
  const contact: oas30.ContactObject = {};
  if (typeof author === 'string') {
    const m = /^([^<(]*)(?:<([^>]*)>)?\s*(?:\(([^)]*)\))?/.exec(author);
    const [name, email, url] = [text(m?.[1]), text(m?.[2]), text(m?.[3])];
    if (name !== undefined) contact.name = name;
    if (email !== undefined) contact.email = email;
    if (url !== undefined) contact.url = url;
  } else if (author !== null && typeof author === 'object') {
    const a = author as Record<string, unknown>;
    for (const key of ['name', 'email', 'url'] as const) {
      const value = text(a[key]);
      if (value !== undefined) contact[key] = value;
    }
  }
  const home = text(homepage);
  if (contact.url === undefined && home !== undefined && Object.keys(contact).length > 0) contact.url = home;
  return Object.keys(contact).length > 0 ? contact : undefined;
}

/** `description` and `author` of `<cwd>/package.json`; nothing when there is none or it does not parse. */
export function readPackageInfo(cwd: string): PackageInfo {
  let pkg: PackageJson;
  try {
    pkg = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
  const info: PackageInfo = {};
  const description = text(pkg.description);
  if (description !== undefined) info.description = description;
  const contact = contactOf(pkg.author, pkg.homepage);
  if (contact !== undefined) info.contact = contact;
  return info;
}
