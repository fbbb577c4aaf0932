// What the renderer's views get: the contract's ApiClient, plus the state of the event stream, so
// stores can refetch what they may have missed while it was down.
import type { ApiClient } from '../../shared/api/contract.js';

export type Connection = 'connecting' | 'live' | 'reconnecting';

export interface RendererApi extends ApiClient {
  readonly transport: 'ipc' | 'http';
  /**
   * Called each time the event stream (re)connects, including the first time: events sent while it
   * was down are lost, so listeners refetch what changed.
   */
  onConnected(listener: () => void): () => void;
  onConnectionChange(listener: (state: Connection) => void): () => void;
  connection(): Connection;
}
