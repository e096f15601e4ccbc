/**
 * The DTOs of a CRUD service: the row as answered (`Order`), what create takes (`NewOrder`), what update
 * takes (`OrderChanges`, every field optional), the page request with filters and sort (`OrderPageQuery`)
 * and the page answered (`OrderPage`). Their @Prop options carry the column's limits (length, integer,
 * unsigned), so the service validates like a hand-written one.
 */
import { tsArray, tsObject, tsString } from '../ts-literals';
import { isInteger, type CrudField, type CrudModel } from './crud-model';

/** Most rows one page answers; the DAO allows more, a public API should not. */
export const MAX_CRUD_PAGE_SIZE = 100;

type Entries = Array<readonly [string, string | undefined]>;

/** Schema options for a field's value (not its presence). */
function valueOptions(field: CrudField): Entries {
  const type = field.column.type;
  const entries: Entries = [];
  // `T | null` reflects as Object: a nullable field names its type
  if (field.nullable || field.kind === 'json') {
    const ctor = {
      string: 'String',
      number: 'Number',
      boolean: 'Boolean',
      date: 'Date',
      bigint: 'Number',
      json: 'Object',
      buffer: 'Object',
    }[field.kind];
    entries.push(['type', ctor]);
  }
  if (isInteger(field)) entries.push(['integer', 'true']);
  if (type.unsigned === true) entries.push(['minimum', '0']);
  if (field.kind === 'string' && type.length !== undefined) entries.push(['maxLength', String(type.length)]);
  if (type.name === 'date') entries.push(['format', tsString('date')]);
  if (type.name === 'uuid') entries.push(['format', tsString('uuid')]);
  if (type.name === 'decimal') entries.push(['pattern', tsString('^-?\\d+(\\.\\d+)?$')]);
  return entries;
}

function prop(entries: Entries, property: string, tsType: string, optional: boolean): string {
  const options = tsObject(entries);
  return `  @Prop(${options})\n  ${property}${optional ? '?' : '!'}: ${tsType};\n`;
}

function valueType(field: CrudField): string {
  return field.nullable ? `${field.tsType} | null` : field.tsType;
}

function dtoClass(doc: string, name: string, props: readonly string[]): string {
  return `/** ${doc} */\nexport class ${name} {\n${props.join('\n')}}\n`;
}

/** `^-?(id|userId)(,-?(id|userId))*$`: the sort parameter's grammar, checked by the request validator. */
export function sortPattern(fields: readonly CrudField[]): string {
  const names = fields.filter((f) => f.queryable).map((f) => f.property);
  const one = `-?(${names.join('|')})`;
  return `^${one}(,${one})*$`;
}

export function dtoSource(m: CrudModel, importFrom: string): string {
  const row = m.fields.map((f) =>
    prop([...valueOptions(f), ...(f.nullable ? [['nullable', 'true'] as const] : [])], f.property, valueType(f), false),
  );
  const creatable = m.fields.filter((f) => !f.column.autoIncrement);
  const create = creatable.map((f) => {
    const optional = f.nullable || f.generated;
    const entries: Entries = [
      ...valueOptions(f),
      ...(f.nullable ? [['nullable', 'true'] as const] : []),
      ...(optional ? [['optional', 'true'] as const] : []),
    ];
    return prop(entries, f.property, valueType(f), optional);
  });
  const changes = m.fields
    .filter((f) => !f.primary)
    .map((f) =>
      prop(
        [...valueOptions(f), ...(f.nullable ? [['nullable', 'true'] as const] : []), ['optional', 'true']],
        f.property,
        valueType(f),
        true,
      ),
    );
  const filters: string[] = [];
  for (const f of m.fields.filter((x) => x.queryable)) {
    const plain = valueOptions({ ...f, nullable: false }).filter(([k]) => k !== 'type');
    if (f.kind === 'date') {
      filters.push(
        prop(
          [
            ['optional', 'true'],
            ['description', tsString(`${f.property} at or after this instant`)],
          ],
          `${f.property}From`,
          'Date',
          true,
        ),
      );
      filters.push(
        prop(
          [
            ['optional', 'true'],
            ['description', tsString(`${f.property} before this instant`)],
          ],
          `${f.property}To`,
          'Date',
          true,
        ),
      );
      continue;
    }
    filters.push(
      prop(
        [...plain, ['optional', 'true'], ['description', tsString(`Only rows whose ${f.property} equals this`)]],
        f.property,
        f.tsType,
        true,
      ),
    );
    if (f.searchable) {
      filters.push(
        prop(
          [
            ['optional', 'true'],
            ['maxLength', '200'],
            ['description', tsString(`Only rows whose ${f.property} contains this text`)],
          ],
          `${f.property}Contains`,
          'string',
          true,
        ),
      );
    }
  }
  const query = [
    prop(
      [
        ['integer', 'true'],
        ['minimum', '1'],
        ['default', '1'],
      ],
      'page',
      'number',
      false,
    ),
    prop(
      [
        ['integer', 'true'],
        ['minimum', '1'],
        ['maximum', String(MAX_CRUD_PAGE_SIZE)],
        ['default', '20'],
      ],
      'size',
      'number',
      false,
    ),
    prop(
      [
        ['optional', 'true'],
        ['pattern', tsString(sortPattern(m.fields))],
        [
          'description',
          tsString(
            `Fields to sort by, comma-separated, '-' for descending, e.g. ${m.fields.find((f) => f.queryable && !f.primary)?.property ?? m.key.property},-${m.key.property}`,
          ),
        ],
      ],
      'sort',
      'string',
      true,
    ),
    ...filters,
  ];
  const page = [
    prop([['type', tsArray([m.name])]], 'items', `${m.name}[]`, false),
    prop([['integer', 'true']], 'total', 'number', false),
    prop([['integer', 'true']], 'page', 'number', false),
    prop([['integer', 'true']], 'size', 'number', false),
    prop([], 'hasNext', 'boolean', false),
  ];
  return [
    `import { Prop } from ${tsString(importFrom)};`,
    '',
    dtoClass(`A row of \`${m.table.name}\` as the service answers it.`, m.name, row),
    dtoClass(`What creating a row of \`${m.table.name}\` takes; fields with a default or NULL may be left out.`, `New${m.name}`, create),
    dtoClass(`What updating a row takes: only the fields given are written.`, `${m.name}Changes`, changes),
    dtoClass(`One page of \`${m.table.name}\`: filters (all optional, combined with AND) and a sort.`, `${m.name}PageQuery`, query),
    dtoClass(`A page of rows and the total matching the filters.`, `${m.name}Page`, page).trimEnd(),
    '',
  ].join('\n');
}
