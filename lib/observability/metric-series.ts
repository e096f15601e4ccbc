/**
 * One labelled series of a prom-client Counter or Histogram, recorded straight into the metric's own
 * value table. prom-client's labelled children still validate the labels and hash them on every call;
 * the HTTP metrics record two series per request, so that bookkeeping was a measurable share of a
 * request (bench/http). Here the series finds its entry in the table once (after recording through
 * prom-client's API, which creates it) and from then on adds to it as prom-client itself would — the
 * same sum, count and bucket — so /prometheus shows exactly what prom-client's own calls would have
 * recorded (spec/observability/metric-series.spec.ts compares both). When the entry is no longer the
 * table's (the metric was reset), or the metric records exemplars, it goes through prom-client's API again.
 *
 * The value tables are prom-client internals (15.x: `hashMap`, `upperBounds`, `enableExemplars`); a
 * metric without them is always recorded through the API.
 */
import type { Counter, Histogram, LabelValues } from 'prom-client';

interface Entry {
  labels: Record<string, string | number>;
}

interface CounterEntry extends Entry {
  value: number;
}

interface HistogramEntry extends Entry {
  sum: number;
  count: number;
  bucketValues: Record<string, number>;
}

interface Internals<E> {
  hashMap?: Record<string, E>;
  enableExemplars?: boolean;
  upperBounds?: readonly number[];
}

/** The table entry holding `labels`' values, with its key. */
function locate<E extends Entry>(table: Record<string, E> | undefined, labels: Readonly<Record<string, string>>): [string, E] | undefined {
  if (table === undefined) return undefined;
  const names = Object.keys(labels);
  for (const key of Object.keys(table)) {
    const entry = table[key]!;
    if (names.every((n) => String(entry.labels[n]) === labels[n]) && Object.keys(entry.labels).length === names.length) return [key, entry];
  }
  return undefined;
}

abstract class Series<E extends Entry> {
  private key = '';
  protected entry: E | undefined;

  protected constructor(
    private readonly metric: Internals<E>,
    private readonly labels: Readonly<Record<string, string>>,
  ) {}

  /** The label values this series records under. */
  get labelValues(): Readonly<Record<string, string>> {
    return this.labels;
  }

  /** The entry to add to directly, or undefined when this call has to go through prom-client. */
  protected current(): E | undefined {
    const entry = this.entry;
    if (entry !== undefined && this.metric.hashMap?.[this.key] === entry) return entry;
    this.entry = undefined;
    return undefined;
  }

  /** After recording through prom-client: the entry it wrote to, unless exemplars are on. */
  protected found(): void {
    if (this.metric.enableExemplars === true) return;
    const hit = locate(this.metric.hashMap, this.labels);
    if (hit !== undefined) [this.key, this.entry] = hit;
  }
}

export class CounterSeries extends Series<CounterEntry> {
  constructor(
    private readonly counter: Counter<string>,
    labels: Readonly<Record<string, string>>,
  ) {
    super(counter as unknown as Internals<CounterEntry>, labels);
  }

  inc(): void {
    const entry = this.current();
    if (entry !== undefined) {
      entry.value += 1;
      return;
    }
    this.counter.inc(this.labelValues as LabelValues<string>);
    this.found();
  }
}

/**
 * prom-client's bucket choice: the first upper bound at or above the value; its key in `bucketValues`
 * (the bound as a property name, built once: converting 0.005 to "0.005" per request costs), or undefined.
 */
function bucketKey(upperBounds: readonly number[], keys: readonly string[], value: number): string | undefined {
  for (let i = 0; i < upperBounds.length; i++) if (value <= upperBounds[i]!) return keys[i];
  return undefined;
}

export class HistogramSeries extends Series<HistogramEntry> {
  private readonly upperBounds: readonly number[] | undefined;
  private readonly boundKeys: readonly string[];

  constructor(
    private readonly histogram: Histogram<string>,
    labels: Readonly<Record<string, string>>,
  ) {
    const internals = histogram as unknown as Internals<HistogramEntry>;
    super(internals, labels);
    this.upperBounds = internals.upperBounds;
    this.boundKeys = (internals.upperBounds ?? []).map(String);
  }

  observe(value: number): void {
    const entry = Number.isFinite(value) && this.upperBounds !== undefined ? this.current() : undefined;
    if (entry !== undefined) {
      entry.sum += value;
      entry.count += 1;
      const key = bucketKey(this.upperBounds!, this.boundKeys, value);
      if (key !== undefined && Object.prototype.hasOwnProperty.call(entry.bucketValues, key)) entry.bucketValues[key]! += 1;
      return;
    }
    this.histogram.observe(this.labelValues as LabelValues<string>, value);
    this.found();
  }
}
