// The one API contract: every method and event, with zod schemas. The core implements it once
// (electron/core/service.ts); the HTTP bridge and Electron IPC are generated from it by looping over
// these maps. Adding a feature means adding its methods here and handlers in the core: no glue.
import type { z } from 'zod';
import { checkEvents, checkMethods } from './check.js';
import { deliveryEvents, deliveryMethods } from './deliveries.js';
import { endpointEvents, endpointMethods } from './endpoints.js';
import { hostEvents } from './host.js';
import { providerMethods } from './providers.js';
import { relayEvents, relayMethods } from './relays.js';
import { replayEvents, replayMethods } from './replay.js';
import { senderEvents, senderMethods } from './sender.js';
import { storageEvents, storageMethods } from './storage.js';
import { tunnelEvents, tunnelMethods } from './tunnel.js';

export const methods = {
  ...deliveryMethods,
  ...endpointMethods,
  ...providerMethods,
  ...replayMethods,
  ...senderMethods,
  ...checkMethods,
  ...storageMethods, // issue #15
  ...relayMethods, // issue #21
  ...tunnelMethods, // issue #21: tunnel from the settings
};

export const events = {
  ...deliveryEvents,
  ...endpointEvents,
  ...replayEvents,
  ...senderEvents,
  ...checkEvents,
  ...storageEvents, // issue #15
  ...relayEvents, // issue #21
  ...hostEvents, // issue #17: the desktop app's core host process
  ...tunnelEvents, // issue #21: tunnel from the settings
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** The core's implementation: one async function per method, given the parsed input. */
export type ApiHandlers = { [M in MethodName]: (input: z.output<Methods[M]['input']>) => Promise<MethodOutput<M>> };

/** What the renderer calls, whatever the transport. */
export interface ApiClient {
  call<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
