/**
 * A mixed-integer model as the `highs` package takes it: columns (cost, bounds, integrality) and rows
 * in compressed sparse row form, never LP text (LP lines over ~560 characters break the package's
 * parser). Shared by the exact optimisers (the atelier groups, decision 018; the soutenances, 025).
 */
export class SparseModel {
  cost: number[] = [];
  lower: number[] = [];
  upper: number[] = [];
  integer: boolean[] = [];
  rowLower: number[] = [];
  rowUpper: number[] = [];
  starts: number[] = [0];
  indices: number[] = [];
  values: number[] = [];

  /** A column, binary unless told otherwise; returns its index. */
  addVar(cost: number, o: { integer?: boolean; lower?: number; upper?: number } = {}): number {
    this.cost.push(cost);
    this.lower.push(o.lower ?? 0);
    this.upper.push(o.upper ?? 1);
    this.integer.push(o.integer ?? true);
    return this.cost.length - 1;
  }

  /** A row lower ≤ Σ value·x[col] ≤ upper. */
  addRow(lower: number, upper: number, terms: [number, number][]) {
    for (const [col, value] of terms) {
      this.indices.push(col);
      this.values.push(value);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }
}
