// What the renderer's views get: the contract's ApiClient, plus the state of the event stream, so
// stores can refetch what they may have missed while it was down.
import type { ApiClient } from '../../shared/api/contract.js';

/** 'stopped': the desktop app's core is gone for good (it kept crashing); the message says what to do. */
export type Connection = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface RendererApi extends ApiClient {
  readonly transport: 'ipc' | 'http';
  /**
   * Called each time the event stream (re)connects, including the first time: events sent while it
   * was down are lost, so listeners refetch what changed.
   */
  onConnected(listener: () => void): () => void;
  /** `message`: what happened, in words, when the transport knows (the desktop app's core host does). */
  onConnectionChange(listener: (state: Connection, message: string | null) => void): () => void;
  connection(): Connection;
}
