/* The Jobs page: rescoring durations and drift over time; reloads while a run started here is in progress. */
(function () {
  'use strict';
  const page = LS.data();
  const runs = page.runs.filter(r => r.job === 'rescoreJob' && r.started_at).reverse();
  LS.chart('chart-runs', {
    grid: { left: 52, right: 52, top: 36, bottom: 40 },
    legend: { top: 0, data: ['duration (s)', 'PSI', 'new MQLs'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: runs.map(r => 'run ' + r.run_id + (r.status === 'COMPLETED' ? '' : ' ' + r.status.toLowerCase())) },
    yAxis: [{ type: 'value', name: 'seconds / MQLs' }, { type: 'value', name: 'PSI', splitLine: { show: false } }],
    series: [
      { name: 'duration (s)', type: 'bar', data: runs.map(r => ({ value: r.duration_seconds,
          itemStyle: { color: r.status === 'COMPLETED' ? LS.colors.brand : LS.colors.bad } })) },
      { name: 'new MQLs', type: 'bar', data: runs.map(r => r.mqls_created), itemStyle: { color: LS.colors.light } },
      { name: 'PSI', type: 'line', yAxisIndex: 1, data: runs.map(r => r.psi), itemStyle: { color: LS.colors.warn },
        markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0.2 }], label: { formatter: 'drift 0.2' },
          lineStyle: { color: LS.colors.warn, type: 'dashed' } } }
    ]
  });
  if (document.getElementById('page').dataset.running === 'true') {
    setTimeout(() => window.location.replace(window.location.pathname), 3000);
  }
})();
