/* One model's evaluation: ROC, calibration, lift by decile and the threshold curve, the champion in grey. */
(function () {
  'use strict';
  const page = LS.data();
  const m = page.metrics;
  const c = page.champion_metrics;
  const name = page.version;
  const champion = page.champion_version;
  const grey = { color: LS.colors.grey };

  const roc = [{ name: name, type: 'line', showSymbol: false, data: m.roc, lineStyle: { width: 2.5 }, itemStyle: { color: LS.colors.brand } }];
  if (c) {
    roc.push({ name: champion + ' (champion)', type: 'line', showSymbol: false, data: c.roc, itemStyle: grey, lineStyle: { type: 'dashed' } });
  }
  roc.push({ name: 'chance', type: 'line', showSymbol: false, data: [[0, 0], [1, 1]], itemStyle: { color: '#c9d1da' }, lineStyle: { type: 'dotted' } });
  LS.chart('chart-roc', {
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: p => p.seriesName + ': ' + LS.percent(p.value[1]) + ' of converters at '
        + LS.percent(p.value[0]) + ' of the others' },
    xAxis: { type: 'value', min: 0, max: 1, name: 'false positive rate', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'true positive rate' },
    series: roc
  });

  const bins = list => list.filter(b => b.mean_score !== null && b.conversion_rate !== null)
    .map(b => [b.mean_score, b.conversion_rate, b.leads]);
  const top = Math.min(1, Math.max(0.05, ...bins(m.calibration).map(b => Math.max(b[0], b[1])),
    ...(c ? bins(c.calibration).map(b => Math.max(b[0], b[1])) : [])) * 1.1);
  const calibration = [{ name: name, type: 'line', data: bins(m.calibration), symbolSize: 7, itemStyle: { color: LS.colors.brand } }];
  if (c) {
    calibration.push({ name: champion + ' (champion)', type: 'line', data: bins(c.calibration), symbolSize: 5, itemStyle: grey,
      lineStyle: { type: 'dashed' } });
  }
  calibration.push({ name: 'perfect', type: 'line', showSymbol: false, data: [[0, 0], [top, top]], itemStyle: { color: '#c9d1da' },
    lineStyle: { type: 'dotted' } });
  LS.chart('chart-calibration', {
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: p => p.seriesName === 'perfect' ? '' : 'mean score ' + LS.percent(p.value[0])
        + ', converted ' + LS.percent(p.value[1]) + (p.value[2] ? ' (' + p.value[2] + ' leads)' : '') },
    xAxis: { type: 'value', min: 0, max: top, name: 'predicted (mean score of the bin)', nameLocation: 'middle', nameGap: 26,
      axisLabel: { formatter: v => LS.percent(v, 0) } },
    yAxis: { type: 'value', min: 0, max: top, name: 'observed', axisLabel: { formatter: v => LS.percent(v, 0) } },
    series: calibration
  });

  const lift = [{ name: name, type: 'bar', data: m.lift_by_decile.map(d => d.lift), itemStyle: { color: LS.colors.brand },
    label: { show: true, position: 'top', formatter: p => p.value === null ? '' : p.value.toFixed(1) + '×' } }];
  if (c) {
    lift.push({ name: champion + ' (champion)', type: 'bar', data: c.lift_by_decile.map(d => d.lift), itemStyle: grey });
  }
  LS.chart('chart-lift', {
    grid: { left: 40, right: 16, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: 'decile', nameLocation: 'middle', nameGap: 26, data: m.lift_by_decile.map(d => d.decile) },
    yAxis: { type: 'value', name: 'lift' },
    series: lift
  });

  const curve = m.threshold_curve;
  const series = (key, label, color) => ({ name: label, type: 'line', showSymbol: false, itemStyle: { color: color },
    data: curve.map(p => [p.threshold, p[key]]) });
  LS.chart('chart-threshold', {
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: v => LS.percent(v) },
    xAxis: { type: 'value', min: 0, max: 1, name: 'MQL threshold', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => LS.percent(v, 0) } },
    series: [series('share_above', 'leads above', LS.colors.grey), series('precision', 'precision', LS.colors.brand),
      series('recall', 'recall', LS.colors.good)]
  });

  const bands = page.metrics_by_age || [];
  if (bands.length > 0) {
    LS.chart('chart-age-auc', {
      grid: { left: 48, right: 16, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis', valueFormatter: v => v === null ? 'undefined' : v.toFixed(4) },
      xAxis: { type: 'category', name: 'lead age', nameLocation: 'middle', nameGap: 26, data: bands.map(b => b.band) },
      yAxis: { type: 'value', min: 0.5, max: 1, name: 'AUC' },
      series: [{ name: name, type: 'bar', data: bands.map(b => b.auc), itemStyle: { color: LS.colors.brand },
        label: { show: true, position: 'top', formatter: p => p.value === null ? '' : p.value.toFixed(3) } }]
    });
    const palette = ['#1f6feb', '#2da44e', '#bf8700', '#cf222e', '#8250df', '#57606a'];
    const ageTop = Math.min(1, Math.max(0.05, ...bands.flatMap(b => bins(b.calibration).map(x => Math.max(x[0], x[1])))) * 1.1);
    const ageSeries = bands.map((b, i) => ({ name: b.band, type: 'line', data: bins(b.calibration), symbolSize: 5,
      itemStyle: { color: palette[i % palette.length] } }));
    ageSeries.push({ name: 'perfect', type: 'line', showSymbol: false, data: [[0, 0], [ageTop, ageTop]],
      itemStyle: { color: '#c9d1da' }, lineStyle: { type: 'dotted' } });
    LS.chart('chart-age-calibration', {
      grid: { left: 56, right: 16, top: 36, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: 'item', formatter: p => p.seriesName === 'perfect' ? '' : p.seriesName + ': mean score '
          + LS.percent(p.value[0]) + ', converted ' + LS.percent(p.value[1]) + ' (' + p.value[2] + ' snapshots)' },
      xAxis: { type: 'value', min: 0, max: ageTop, name: 'predicted', nameLocation: 'middle', nameGap: 26,
        axisLabel: { formatter: v => LS.percent(v, 0) } },
      yAxis: { type: 'value', min: 0, max: ageTop, name: 'observed', axisLabel: { formatter: v => LS.percent(v, 0) } },
      series: ageSeries
    });
  }
})();
