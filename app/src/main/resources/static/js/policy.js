/* The policy's threshold and SLA over its versions. */
(function () {
  'use strict';
  const versions = LS.data().history.slice().reverse();
  LS.chart('chart-policy', {
    grid: { left: 52, right: 52, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: versions.map(v => 'v' + v.version) },
    yAxis: [{ type: 'value', name: 'threshold', min: 0 }, { type: 'value', name: 'SLA h', min: 0, splitLine: { show: false } }],
    series: [
      { name: 'MQL threshold', type: 'line', step: 'end', data: versions.map(v => v.mql_threshold), itemStyle: { color: LS.colors.brand } },
      { name: 'SLA hours', type: 'line', step: 'end', yAxisIndex: 1, data: versions.map(v => v.sla_hours), itemStyle: { color: LS.colors.warn } }
    ]
  });
})();
