/* The Models page: AUC and ECE of every model, the champion marked. */
(function () {
  'use strict';
  const page = LS.data();
  const models = page.models.slice().reverse();
  if (!models.length) {
    return;
  }
  LS.chart('chart-models', {
    grid: { left: 48, right: 56, top: 36, bottom: 30 },
    legend: { data: ['AUC', 'ECE'], top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: models.map(m => m.version + (m.status === 'champion' ? ' ★' : '')) },
    yAxis: [
      { type: 'value', name: 'AUC', min: v => Math.max(0, Math.floor(v.min * 20) / 20 - 0.05), max: 1 },
      { type: 'value', name: 'ECE', splitLine: { show: false } }
    ],
    series: [
      { name: 'AUC', type: 'bar', data: models.map(m => ({ value: m.auc,
          itemStyle: { color: m.status === 'champion' ? LS.colors.good : LS.colors.brand } })),
        label: { show: true, position: 'top', formatter: p => p.value === null ? '' : p.value.toFixed(3) } },
      { name: 'ECE', type: 'line', yAxisIndex: 1, data: models.map(m => m.ece), itemStyle: { color: LS.colors.warn } }
    ]
  });
})();
