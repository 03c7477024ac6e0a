/* The Leads page: the store's leads by stage, and the scores of the leads listed. */
(function () {
  'use strict';
  const page = LS.data();
  const stages = Object.keys(page.stage_counts);
  LS.chart('chart-stages', {
    grid: { left: 96, right: 64, top: 8, bottom: 24 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: stages.map(s => s.toUpperCase()) },
    series: [{ type: 'bar', data: stages.map(s => page.stage_counts[s]), itemStyle: { color: LS.colors.brand },
      label: { show: true, position: 'right', formatter: p => LS.count(p.value) } }]
  });
  const edges = [0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0001];
  const counts = edges.slice(0, -1).map((e, i) => page.scores.filter(s => s >= e && s < edges[i + 1]).length);
  LS.chart('chart-scores', {
    grid: { left: 40, right: 16, top: 8, bottom: 28 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: edges.slice(0, -1).map((e, i) => LS.percent(e, 0) + '–' + LS.percent(Math.min(1, edges[i + 1]), 0)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: counts, itemStyle: { color: LS.colors.light } }]
  });
})();
