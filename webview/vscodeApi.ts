// The page's side of the message channel, typed by the shared protocol.
import type { HostToPage, PageToHost, UiState } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface HostChannel {
  post(message: PageToHost): void;
  /** Only navigation state is stored by VS Code with the panel; the data always comes from the host. */
  saveState(state: UiState): void;
  savedState(): unknown;
  onMessage(handler: (message: HostToPage) => void): void;
}

export function connectToHost(): HostChannel {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    saveState: (state) => {
      api.setState(state);
      api.postMessage({ type: 'uiState', state } satisfies PageToHost);
    },
    savedState: () => api.getState(),
    onMessage: (handler) =>
      window.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { type?: unknown } | null;
        if (data && (data.type === 'init' || data.type === 'requestDetail')) handler(data as HostToPage);
      }),
  };
}
