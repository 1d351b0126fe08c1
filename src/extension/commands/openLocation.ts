// Opens a tree node's place: a source line (inside the source root only) or a line of an input file.
import { Commands } from '../constants';
import type { NodeLocation } from '../model/incidentTree';
import type { LimboCommand } from './command';

export const openLocation: LimboCommand = {
  id: Commands.openLocation,
  async run(container, location?: NodeLocation) {
    if (location) await container.locations.open(location);
  },
};
