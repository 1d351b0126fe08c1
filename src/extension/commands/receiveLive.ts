// Limbo: Receive Live Telemetry (OTLP) and Limbo: Stop Receiving and Analyze.
import { Commands } from '../constants';
import type { LimboCommand } from './command';

export const receiveLive: LimboCommand = {
  id: Commands.receiveLive,
  run: (container) => container.receiver.start(),
};

export const stopReceiving: LimboCommand = {
  id: Commands.stopReceiving,
  run: (container) => container.receiver.stop(),
};
