import { Activity } from '@microsoft/agents-activity';

/**
 * The replies this bot builds skip the SDK's schema parse. The Agents SDK's TurnContext reads
 * every activity sent through it with `Activity.fromObject`, a zod parse of the whole activity
 * schema (and a new schema object each call): about 13 µs of CPU for each of a turn's replies,
 * for objects this process built a moment before from its own types (src/bot/intake-bot.ts
 * `toActivity`). Those are marked with `ownActivity()`; `Activity.fromObject` copies a marked one
 * as the parse would give it (a new Activity with the same properties, its keys in the schema's
 * order, in which `toActivity` writes them) and parses everything else as before: what arrives
 * on /api/messages keeps the SDK's own reading. See docs/performance.md.
 */

/**
 * The mark: a property under this symbol, not enumerable, which JSON, spreads and copies do not
 * see (a copy of a reply is parsed as before). Not a WeakSet: a weak collection's entries with
 * young keys are work for every scavenge (docs/performance.md).
 */
const OWN = Symbol('built by this bot');

/** Marks an activity this bot built: the SDK copies it instead of parsing it. */
export function ownActivity<T extends object>(activity: T): T {
  Object.defineProperty(activity, OWN, { value: true });
  return activity;
}

const isOwn = (o: object) => (o as Record<symbol, unknown>)[OWN] === true;

let installed = false;

/** Puts the shortcut in front of `Activity.fromObject` (once per process). */
export function skipSchemaForOwnActivities(): void {
  if (installed) return;
  installed = true;
  const parse = Activity.fromObject;
  Activity.fromObject = function fromObject(o: object): Activity {
    if (isOwn(o)) return Object.assign(new Activity((o as { type: string }).type), o);
    return parse.call(Activity, o);
  };
}
