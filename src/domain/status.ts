import { MAIN_STAGES, EXCEPTION_TYPES, type EventType } from '../../db/schema/tracking-events';

export type Stage = (typeof MAIN_STAGES)[number];
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];

export interface StatusEvent {
  id: number;
  type: EventType;
  occurredAt: Date;
  packageId: number | null;
}

export interface PackageStatus {
  stage: Stage;
  /** set while an exception is the latest news for the package */
  exception: ExceptionType | null;
  /** the latest delivered scan, once delivered */
  deliveredAt: Date | null;
  latestAt: Date | null;
}

const RANK: Record<Stage, number> = Object.fromEntries(MAIN_STAGES.map((s, i) => [s, i])) as Record<Stage, number>;
const FINAL_EXCEPTIONS: ReadonlySet<ExceptionType> = new Set(['returned', 'lost', 'cancelled']);

export const isStage = (type: EventType): type is Stage => type in RANK;
export const stageRank = (stage: Stage): number => RANK[stage];

/** Newest first; equal instants keep arrival order (the later-received event is newer news). */
export function newestFirst<T extends { occurredAt: Date; id: number }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id - a.id);
}

/**
 * Status of one package from its events (package-less events count for every package).
 * The stage only moves forward along the main path, so a late, older scan never moves it back;
 * an exception shows only while it is the newest event.
 */
export function packageStatus(events: readonly StatusEvent[]): PackageStatus {
  let stage: Stage = 'order_placed';
  let deliveredAt: Date | null = null;
  let latest: StatusEvent | null = null;
  for (const e of events) {
    if (isStage(e.type)) {
      if (RANK[e.type] > RANK[stage]) stage = e.type;
      if (e.type === 'delivered' && (!deliveredAt || e.occurredAt > deliveredAt)) deliveredAt = e.occurredAt;
    }
    if (!latest || e.occurredAt > latest.occurredAt || (+e.occurredAt === +latest.occurredAt && e.id > latest.id)) latest = e;
  }
  const exception = latest && !isStage(latest.type) ? (latest.type as ExceptionType) : null;
  return { stage, exception, deliveredAt: stage === 'delivered' ? deliveredAt : null, latestAt: latest?.occurredAt ?? null };
}

export interface OrderStatus {
  /** the stage the whole order has reached: the least advanced package */
  stage: Stage;
  packageCount: number;
  deliveredCount: number;
  /** every package delivered, or finished for good (returned, lost, cancelled) */
  finishedAt: Date | null;
  packages: Map<number, PackageStatus>;
  /** the order-level view when there are no packages yet */
  orderLevel: PackageStatus;
}

export function orderStatus(packageIds: readonly number[], events: readonly StatusEvent[]): OrderStatus {
  const shared = events.filter((e) => e.packageId === null);
  const orderLevel = packageStatus(shared);
  const packages = new Map<number, PackageStatus>();
  for (const id of packageIds) {
    packages.set(id, packageStatus([...shared, ...events.filter((e) => e.packageId === id)]));
  }
  const all = packageIds.length ? [...packages.values()] : [orderLevel];
  const stage = all.reduce<Stage>((min, p) => (RANK[p.stage] < RANK[min] ? p.stage : min), 'delivered');
  const deliveredCount = packageIds.length ? all.filter((p) => p.stage === 'delivered' && !p.exception).length : 0;
  const finished = all.every((p) => (p.stage === 'delivered' && !p.exception) || (p.exception && FINAL_EXCEPTIONS.has(p.exception)));
  const finishedAt = finished
    ? all.reduce<Date | null>((max, p) => {
        const at = p.exception ? p.latestAt : p.deliveredAt;
        return at && (!max || at > max) ? at : max;
      }, null)
    : null;
  return { stage, packageCount: packageIds.length, deliveredCount, finishedAt, packages, orderLevel };
}
