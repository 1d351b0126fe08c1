// Limbo: Receive Live Telemetry (OTLP), Analyze Received So Far, and Stop Receiving and Analyze.
import { Commands } from '../constants';
import type { LimboCommand } from './command';

export const receiveLive: LimboCommand = {
  id: Commands.receiveLive,
  run: (container) => container.receiver.start(),
};

export const analyzeReceived: LimboCommand = {
  id: Commands.analyzeReceived,
  run: (container) => container.receiver.analyzeSoFar(),
};

export const stopReceiving: LimboCommand = {
  id: Commands.stopReceiving,
  run: (container) => container.receiver.stop(),
};
