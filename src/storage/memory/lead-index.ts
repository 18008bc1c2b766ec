import {
  leadOrder,
  matcher,
  newestFirst,
  orderKey,
  type LeadIndex,
  type LeadOrder,
  type LeadPage,
  type LeadQuery,
  type LeadRow,
  type LeadSelection,
} from '../../ports/lead-list';
import { workflowStatuses, type WorkflowStatus } from '../../ports/workflow';

/**
 * The lead rows held in memory: a list request never reads a lead. Loaded from the stores at
 * start, then kept current by every write that goes through the staff side. Each order is sorted
 * once and kept until the next write.
 */
export class MemoryLeadIndex implements LeadIndex {
  private rows = new Map<string, LeadRow>();
  private readonly sorted = new Map<string, LeadRow[]>();
  /** Rows written or removed while a load is reading the stores: they win over what it read. */
  private changedDuringLoad: Set<string> | undefined;

  async load(rows: AsyncIterable<LeadRow> | Iterable<LeadRow>): Promise<void> {
    this.changedDuringLoad = new Set();
    try {
      const loaded = new Map<string, LeadRow>();
      for await (const row of rows) loaded.set(row.id, row);
      for (const id of this.changedDuringLoad) {
        const current = this.rows.get(id);
        if (current) loaded.set(id, current);
        else loaded.delete(id);
      }
      this.rows = loaded;
      this.sorted.clear();
    } finally {
      this.changedDuringLoad = undefined;
    }
  }

  /** Every row, in no order (what a subclass saves). */
  protected allRows(): Iterable<LeadRow> {
    return this.rows.values();
  }

  async size(): Promise<number> {
    return this.rows.size;
  }

  async get(id: string): Promise<LeadRow | undefined> {
    return this.rows.get(id);
  }

  async upsert(row: LeadRow): Promise<void> {
    this.changedDuringLoad?.add(row.id);
    this.rows.set(row.id, row);
    this.sorted.clear();
  }

  async update(id: string, change: (row: LeadRow) => LeadRow): Promise<void> {
    const row = this.rows.get(id);
    if (row) await this.upsert(change(row));
  }

  async remove(id: string): Promise<void> {
    this.changedDuringLoad?.add(id);
    if (this.rows.delete(id)) this.sorted.clear();
  }

  async select(selection: LeadSelection, order: LeadOrder = newestFirst): Promise<LeadRow[]> {
    const test = matcher(selection);
    return this.inOrder(order).filter(
      (row) => test(row) && (!selection.status || row.status === selection.status),
    );
  }

  async query(query: LeadQuery): Promise<LeadPage> {
    const test = matcher(query);
    const counts = Object.fromEntries(workflowStatuses.map((s) => [s, 0])) as Record<WorkflowStatus, number>;
    const matched: LeadRow[] = [];
    for (const row of this.inOrder(query)) {
      if (!test(row)) continue;
      counts[row.status]++;
      if (!query.status || row.status === query.status) matched.push(row);
    }
    const pages = Math.max(1, Math.ceil(matched.length / query.pageSize));
    const page = Math.min(Math.max(1, query.page), pages);
    const start = (page - 1) * query.pageSize;
    return {
      rows: matched.slice(start, start + query.pageSize),
      total: matched.length,
      page,
      pages,
      pageSize: query.pageSize,
      counts,
    };
  }

  async streamCodes(): Promise<string[]> {
    const codes = new Set<string>();
    for (const row of this.rows.values()) for (const code of row.streams) codes.add(code);
    return [...codes].sort();
  }

  private inOrder(order: LeadOrder): LeadRow[] {
    const key = orderKey(order);
    let rows = this.sorted.get(key);
    if (!rows) {
      // the day changes the "needs action" order: orders of other days are dropped
      for (const other of this.sorted.keys())
        if (!other.endsWith(key.slice(key.lastIndexOf('/')))) this.sorted.delete(other);
      rows = [...this.rows.values()].sort(leadOrder(order));
      this.sorted.set(key, rows);
    }
    return rows;
  }
}
