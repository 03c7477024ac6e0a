/* One lead: score over time against the threshold, live reasons, stage history, activity by type. */
(function () {
  'use strict';
  const page = LS.data();
  const history = page.score_history;
  LS.chart('chart-score', {
    grid: { left: 52, right: 16, top: 36, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: v => v === null ? '' : v.toFixed(3) },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', min: 0, name: 'score' },
    series: [
      { name: 'score', type: 'line', step: false, data: history.map(h => [h.as_of, h.score]), itemStyle: { color: LS.colors.brand } },
      { name: 'MQL threshold', type: 'line', step: 'end', showSymbol: false, data: history.map(h => [h.as_of, h.mql_threshold]),
        itemStyle: { color: LS.colors.warn }, lineStyle: { type: 'dashed' },
        // with a single run there is no line to draw: mark the threshold across the chart
        markLine: history.length ? { symbol: 'none', silent: true, data: [{ yAxis: history[history.length - 1].mql_threshold }],
          lineStyle: { color: LS.colors.warn, type: 'dashed' }, label: { formatter: 'threshold' } } : undefined }
    ]
  });

  const live = page.live_reasons;
  if (live) {
    const reasons = live.raising.concat(live.lowering).sort((a, b) => a.contribution - b.contribution);
    LS.chart('chart-reasons', {
      grid: { left: 8, right: 48, top: 8, bottom: 28, containLabel: true },
      tooltip: { trigger: 'item', formatter: p => reasons[p.dataIndex].phrase + ' (' + reasons[p.dataIndex].group + '): '
          + (p.value > 0 ? '+' : '') + p.value.toFixed(3) },
      xAxis: { type: 'value', name: 'contribution (raw score)', nameLocation: 'middle', nameGap: 22 },
      yAxis: { type: 'category', data: reasons.map(r => r.phrase.length > 42 ? r.phrase.substring(0, 41) + '…' : r.phrase) },
      series: [{ type: 'bar', data: reasons.map(r => ({ value: r.contribution,
          itemStyle: { color: r.contribution >= 0 ? LS.colors.good : LS.colors.bad } })) }]
    });
  }

  const order = ['lead', 'nurture', 'mql', 'sal', 'sql', 'opportunity', 'lost', 'won'];
  const moves = page.stage_history;
  const points = [[page.created_at, 'lead']].concat(moves.map(m => [m.at, m.to.toLowerCase()]));
  LS.chart('chart-stages', {
    grid: { left: 96, right: 16, top: 8, bottom: 28 },
    tooltip: { trigger: 'item', formatter: p => LS.day(p.value[0]) + ': ' + p.value[1].toUpperCase() },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: order.map(s => s.toUpperCase()) },
    series: [{ type: 'line', step: 'end', data: points.map(p => [p[0], p[1].toUpperCase()]), itemStyle: { color: LS.colors.brand } }]
  });

  const types = Object.keys(page.activity);
  LS.chart('chart-activity', {
    grid: { left: 130, right: 40, top: 8, bottom: 24 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: types.map(t => t.replace(/_/g, ' ')) },
    series: [{ type: 'bar', data: types.map(t => page.activity[t]), itemStyle: { color: LS.colors.light },
      label: { show: true, position: 'right' } }]
  });
})();
