// One progress bar for a whole check: reading the files, every round of DNS
// questions, then the report. The check cannot know in advance how many rounds
// live DNS will take (an answer may name a host to follow), so each round fills
// half of what is left of the DNS part of the bar: the bar moves on with every
// answer and never starts over when a new round begins.

// Where each part of a check ends on the bar, in percent.
const READ_ONLY_END = 90; // files alone: reading, then the report
const READ_END = 20; // files and live DNS: reading first ...
const DNS_END = 90; // ... then DNS up to here; the report takes the rest
const REPORT_AT = 95;

/**
 * The bar of one check.
 * @param {{files: boolean, live: boolean}} shape what the check does
 * @returns {{next: (p: object) => number | null}} next(progress) gives the bar's
 *   percent for a progress message of www/lib/check.js (null before any part
 *   has started: the bar then shows that it is waiting); it never goes down
 */
export function checkProgress({ files, live }) {
  const dnsStart = files ? READ_END : 0;
  let shown = null;
  let round = null; // the round being asked and where on the bar it started
  const at = (value) => {
    shown = Math.max(shown ?? 0, Math.min(100, value));
    return Math.floor(shown);
  };
  return {
    next(p) {
      if (p.stage === 'read') {
        const part = p.total ? Math.min(1, p.loaded / p.total) : 1;
        return at(part * (live ? READ_END : READ_ONLY_END));
      }
      if (p.stage === 'dns') {
        if (!round || round.number !== p.round) round = { number: p.round, from: Math.max(shown ?? 0, dnsStart) };
        const part = p.total ? Math.min(1, p.answered / p.total) : 1;
        return at(round.from + ((DNS_END - round.from) / 2) * part);
      }
      if (p.stage === 'report') return at(REPORT_AT);
      return shown === null ? null : Math.floor(shown);
    },
  };
}
