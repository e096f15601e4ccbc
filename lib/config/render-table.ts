import { CONFIG_VARIABLES, type VariableGroup } from './variables';

const GROUP_TITLES: Readonly<Record<VariableGroup, string>> = {
  app: 'Application',
  http: 'HTTP server',
  manage: 'Built-in endpoints',
  log: 'Logging',
  client: 'Clients',
  tracing: 'Tracing (Jaeger)',
  mem: 'Gossip (memberlist)',
  db: 'Database (lib/data)',
};

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The README's Markdown table of every GDD_* (and JAEGER_*) variable, generated from the table the loader runs. */
export function renderConfigTable(): string {
  const lines = ['| Variable | Default | Description |', '| --- | --- | --- |'];
  let group: VariableGroup | undefined;
  for (const variable of CONFIG_VARIABLES) {
    if (variable.group !== group) {
      group = variable.group;
      lines.push(`| **${GROUP_TITLES[group]}** | | |`);
    }
    lines.push(`| \`${variable.name}\` | \`${cell(variable.defaultText)}\` | ${cell(variable.description)} |`);
  }
  return lines.join('\n') + '\n';
}
