// What the node wrote into the page (DashboardOptions): its pack-stale-after, whether it is clustered, whether it
// records history. Served as a file on its own (a dev server), the defaults apply.
const defaults = { packStaleAfterMs: 5000, packStaleAfterMsByBank: {}, clustered: false, history: true };

export const settings = (() => {
  try {
    return { ...defaults, ...JSON.parse(document.querySelector('meta[name="solarhub-settings"]')?.content || '{}') };
  } catch {
    return defaults;
  }
})();
