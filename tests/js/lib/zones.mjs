// The zones of a scenario read into ZoneReaders, as the scenario tests and
// the words test both need them.
import { readFileSync } from 'node:fs';
import { feedBytes } from '../../../www/lib/zone-input.js';

/** Each file of `files` (relative to the folder `dir`, which ends in '/') in a finished ZoneReader. */
export function readZones(core, dir, files = []) {
  return files.map((file) => {
    const reader = new core.ZoneReader(file, '{}', null);
    feedBytes(core, reader, readFileSync(`${dir}${file}`));
    reader.finish();
    return reader;
  });
}
