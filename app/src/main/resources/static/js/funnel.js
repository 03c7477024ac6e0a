/* The funnel report charted: conversion along the main path, SLA attainment, rejection reasons, revenue by source. */
(function () {
  'use strict';
  const r = LS.data();
  if (!r) {
    return;
  }
  LS.chart('chart-funnel', {
    grid: { left: 100, right: 120, top: 8, bottom: 24 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'log', min: 1, axisLabel: { formatter: v => LS.compact(v) } },
    yAxis: { type: 'category', inverse: true, data: r.funnel.map(f => f.stage.toUpperCase()) },
    series: [{ type: 'bar', data: r.funnel.map(f => Math.max(1, f.reached)), itemStyle: { color: LS.colors.brand },
      label: { show: true, position: 'right', formatter: p => { const f = r.funnel[p.dataIndex];
          return LS.count(f.reached) + (f.conversion === null ? '' : '  (' + LS.percent(f.conversion) + ')'); } } }]
  });
  const s = r.sla;
  const late = Math.max(0, s.breaches);
  LS.chart('chart-sla', {
    tooltip: { trigger: 'item', formatter: p => p.name + ': ' + LS.count(p.value) + ' (' + p.percent + '%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['45%', '72%'], center: ['50%', '45%'],
      label: { formatter: p => p.name + '\n' + LS.count(p.value) },
      data: [
        { name: 'within the SLA', value: s.within_sla, itemStyle: { color: LS.colors.good } },
        { name: 'breached', value: late, itemStyle: { color: LS.colors.bad } },
        { name: 'still open', value: s.open, itemStyle: { color: LS.colors.grey } }
      ] }]
  });
  const rejections = r.rejection_reasons.slice(0, 12).reverse();
  LS.chart('chart-rejections', {
    grid: { left: 130, right: 48, top: 8, bottom: 24 },
    tooltip: { trigger: 'item', formatter: p => rejections[p.dataIndex].reason + ' (' + (rejections[p.dataIndex].origin === 'follow_up'
        ? 'rejected by sales' : 'returned to nurture') + '): ' + p.value },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rejections.map(x => x.reason) },
    series: [{ type: 'bar', data: rejections.map(x => ({ value: x.count,
        itemStyle: { color: x.origin === 'follow_up' ? LS.colors.bad : LS.colors.warn } })),
      label: { show: true, position: 'right' } }]
  });
  const sources = r.by_source.slice(0, 12);
  LS.chart('chart-sources', {
    grid: { left: 64, right: 48, top: 36, bottom: 60 },
    legend: { top: 0, data: ['revenue', 'won deals'] },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: sources.map(x => x.name || '(none)'), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: [{ type: 'value', name: 'revenue', axisLabel: { formatter: v => LS.compact(v) } },
      { type: 'value', name: 'won', splitLine: { show: false }, minInterval: 1 }],
    series: [{ name: 'revenue', type: 'bar', data: sources.map(x => Number(x.revenue)), itemStyle: { color: LS.colors.brand } },
      { name: 'won deals', type: 'line', yAxisIndex: 1, data: sources.map(x => x.won_deals), itemStyle: { color: LS.colors.good } }]
  });
})();
