/* The what-if page: every change of an input re-runs the simulation (debounced, the previous request cancelled). */
(function () {
  'use strict';
  const page = LS.data();
  const d = page.defaults;
  const store = page.store;
  const $ = id => document.getElementById(id);
  const inputs = { quota: $('quota'), threshold: $('threshold'), sla: $('sla'), leads: $('leads'), reps: $('reps'),
    period: $('period'), calibrate: $('calibrate') };

  inputs.quota.value = d.quota;
  inputs.threshold.value = d.threshold;
  inputs.sla.value = Math.min(96, Math.max(1, Math.round(d.sla_hours)));
  inputs.leads.max = Math.max(2000, Math.ceil(3 * d.leads_per_week / 100) * 100);
  inputs.leads.value = d.leads_per_week;
  inputs.reps.value = d.reps;
  inputs.period.value = String(d.period_days);
  inputs.calibrate.checked = d.calibrate_from_store;
  inputs.calibrate.disabled = !store.champion;
  if (store.last_period_revenue > 0) {
    $('quota-hint').textContent = 'Starts where the command line does: the revenue won in the last ' + store.last_period_days
      + ' days of the store (' + LS.amount(store.last_period_revenue) + ') plus 10%.';
  }

  function labels() {
    LS.text('threshold-value', Number(inputs.threshold.value).toFixed(2));
    LS.text('sla-value', inputs.sla.value + ' h');
    LS.text('leads-value', Number(inputs.leads.value).toLocaleString('en-US'));
    LS.text('reps-value', inputs.reps.value);
  }

  /**
   * At most the trials the server's budget allows for this many simulations of the period at this volume
   * (trials × days × simulations × leads per week / 500): a busy store gets fewer trials rather than a refusal.
   */
  // the server's cost (WhatIfCost): trial-days times the larger of the lead volume and the MQLs a day over the
  // default's, past a knee faster; a tenth kept in hand for what the page's estimate of the MQLs leaves out
  function withinBudget(trials, simulations) {
    const leads = Number(inputs.leads.value);
    const volume = Math.max(1, leads / 500);
    const c = (inputs.calibrate.checked && d.cost_store) || d.cost_builtin;
    const t = Math.max(0, Math.min(100, Math.round(Number(inputs.threshold.value) * 100)));
    const ratio = Math.max(1, leads * c.mqls_per_day_per_lead_a_week[t] / c.default_mqls_per_day);
    const mqls = ratio <= c.knee ? ratio : c.knee * Math.pow(ratio / c.knee, c.exponent);
    const affordable = Math.floor(0.9 * d.max_cost / (Number(inputs.period.value) * simulations * Math.max(volume, mqls)));
    return Math.max(1, Math.min(trials, affordable));
  }

  function query(trials) {
    const p = new URLSearchParams();
    p.set('quota', inputs.quota.value || '0');
    p.set('threshold', inputs.threshold.value);
    p.set('sla-hours', inputs.sla.value);
    p.set('leads-per-week', inputs.leads.value);
    p.set('reps', inputs.reps.value);
    p.set('period-days', inputs.period.value);
    p.set('calibrate-from-store', inputs.calibrate.checked ? 'true' : 'false');
    p.set('trials', String(trials));
    return p.toString();
  }

  let simulation = null;
  let leverRequest = null;
  let timer = null;
  let leverTimer = null;

  async function simulate() {
    if (simulation) {
      simulation.abort();
    }
    simulation = new AbortController();
    const started = performance.now();
    $('status').textContent = 'Simulating…';
    try {
      const r = await LS.getJson('/api/simulate?' + query(withinBudget(d.trials, 1)), simulation.signal);
      render(r);
      $('status').textContent = 'Answered in ' + Math.round(performance.now() - started) + ' ms · '
        + r.trials.toLocaleString('en-US') + ' simulated periods · seed ' + r.seed;
      $('status').dataset.millis = String(Math.round(performance.now() - started));
    } catch (e) {
      if (e.name !== 'AbortError') {
        $('status').textContent = 'Not simulated: ' + e.message;
      }
    }
  }

  function render(r) {
    const p = $('p-attain');
    p.textContent = LS.percent(r.p_attain, 0);
    p.dataset.value = String(r.p_attain);
    p.dataset.revision = String((Number(p.dataset.revision) || 0) + 1);
    LS.text('p-attain-se', r.p_attain_standard_error === null ? '' : '(± ' + LS.percent(r.p_attain_standard_error) + ')');
    LS.text('quota-text', LS.amount(r.quota));
    LS.text('rev-p10', LS.amount(r.revenue.p10));
    LS.text('rev-p50', LS.amount(r.revenue.p50));
    LS.text('rev-p90', LS.amount(r.revenue.p90));
    LS.text('rev-mean', LS.amount(r.revenue.mean));
    LS.text('sla-breach', LS.percent(r.sla_breach_rate));
    LS.text('utilisation', r.rep_utilisation === null ? 'unlimited' : LS.percent(r.rep_utilisation));
    LS.text('n-leads', LS.count(round1(r.leads)));
    LS.text('n-mqls', LS.count(round1(r.mqls)));
    LS.text('n-sals', LS.count(round1(r.sals)));
    LS.text('n-sqls', LS.count(round1(r.sqls)));
    LS.text('n-opps', LS.count(round1(r.opportunities)));
    LS.text('n-wins', LS.count(round1(r.wins)));
    histogram(r);
    funnel(r);
  }

  function round1(x) {
    return Math.round(x * 10) / 10;
  }

  function histogram(r) {
    const h = r.histogram;
    const bins = h.trials_per_bin.map((count, i) => {
      const start = i * h.bin_width;
      const reached = r.quota > 0 ? i >= h.bins_below_quota : true;
      return [start, start + h.bin_width, count, reached ? 1 : 0, h.last_bin_open && i === h.trials_per_bin.length - 1 ? 1 : 0];
    });
    LS.chart('chart-revenue', {
      grid: { left: 56, right: 24, top: 30, bottom: 40 },
      tooltip: {
        trigger: 'item',
        formatter: p => LS.amount(p.value[0]) + (p.value[4] ? ' and up' : ' – ' + LS.amount(p.value[1])) + ': '
          + p.value[2].toLocaleString('en-US') + ' trials'
      },
      xAxis: { type: 'value', name: 'revenue', nameLocation: 'middle', nameGap: 26, min: 0,
        max: bins.length ? bins[bins.length - 1][1] : null, axisLabel: { formatter: v => LS.compact(v) } },
      yAxis: { type: 'value', name: 'trials', splitLine: { lineStyle: { color: '#eef1f4' } } },
      series: [{
        type: 'custom',
        encode: { x: [0, 1], y: 2 },
        data: bins,
        renderItem: (params, api) => {
          const p0 = api.coord([api.value(0), api.value(2)]);
          const p1 = api.coord([api.value(1), 0]);
          return { type: 'rect', shape: { x: p0[0] + 0.5, y: p0[1], width: Math.max(1, p1[0] - p0[0] - 1), height: p1[1] - p0[1] },
            style: { fill: api.value(3) ? LS.colors.good : LS.colors.bad, opacity: 0.85 } };
        },
        markLine: r.quota > 0 ? {
          symbol: 'none', silent: true, lineStyle: { color: LS.colors.ink, type: 'dashed', width: 2 },
          label: { formatter: 'quota ' + LS.compact(r.quota), position: 'end' },
          data: [{ xAxis: r.quota }]
        } : undefined
      }]
    });
  }

  function funnel(r) {
    const names = ['leads', 'MQLs', 'SALs', 'SQLs', 'opportunities', 'wins'];
    const values = [r.leads, r.mqls, r.sals, r.sqls, r.opportunities, r.wins];
    // a funnel of the expected counts; the narrowest stages keep a readable width
    LS.chart('chart-funnel', {
      tooltip: { trigger: 'item', formatter: p => p.name + ': ' + LS.count(round1(values[p.dataIndex])) },
      series: [{ type: 'funnel', sort: 'none', left: 8, right: 150, top: 8, bottom: 8, minSize: '12%', maxSize: '100%', gap: 3,
        min: 0, max: Math.max(1, r.leads),
        label: { position: 'right', formatter: p => p.name + '  ' + LS.count(round1(values[p.dataIndex])) },
        itemStyle: { color: LS.colors.brand, borderWidth: 0 },
        data: names.map((n, i) => ({ name: n, value: values[i] })) }]
    });
  }

  async function levers() {
    if (leverRequest) {
      leverRequest.abort();
    }
    leverRequest = new AbortController();
    $('levers-status').textContent = 'Trying each change on the same simulated periods…';
    try {
      const r = await LS.getJson('/api/levers?' + query(withinBudget(Math.min(1000, d.trials), d.lever_runs)), leverRequest.signal);
      const rows = r.levers.filter(l => l.applicable).reverse();
      LS.chart('chart-levers', {
        grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
        tooltip: { trigger: 'item', formatter: p => rows[p.dataIndex].change + ': ' + LS.percent(rows[p.dataIndex].p_attain, 0)
            + ' (' + (rows[p.dataIndex].delta >= 0 ? '+' : '') + (100 * rows[p.dataIndex].delta).toFixed(1) + ' pts)' },
        xAxis: { type: 'value', name: 'points', nameLocation: 'middle', nameGap: 22, splitNumber: 4,
          axisLabel: { formatter: v => (v > 0 ? '+' : '') + v } },
        yAxis: { type: 'category', data: rows.map(l => l.change.replace(' -> ', ' → ')),
          axisLabel: { width: 170, overflow: 'truncate' } },
        series: [{ type: 'bar', data: rows.map(l => ({ value: Math.round(1000 * l.delta) / 10,
            itemStyle: { color: l.delta >= 0 ? LS.colors.good : LS.colors.bad } })),
          label: { show: true, position: 'right', formatter: p => (p.value > 0 ? '+' : '') + p.value } }]
      });
      $('levers-status').textContent = r.best ? 'Largest gain: ' + r.levers.find(l => l.lever === r.best).change.replace(' -> ', ' → ')
        : 'No single change raises the chance of reaching quota.';
    } catch (e) {
      if (e.name !== 'AbortError') {
        $('levers-status').textContent = 'Levers not computed: ' + e.message;
      }
    }
  }

  async function plan() {
    const button = $('plan-button');
    button.disabled = true;
    $('plan-status').textContent = 'Planning…';
    const started = performance.now();
    try {
      const q = query(withinBudget(d.heatmap_trials, d.heatmap_points * d.plan_runs_per_point)) + '&confidence=' + $('confidence').value;
      const rows = await LS.getJson('/api/plan?' + q);
      const thresholds = [...new Set(rows.map(r => r.threshold))];
      const slas = [...new Set(rows.map(r => r.sla_hours))];
      const reachable = rows.filter(r => r.reachable).map(r => r.required_leads_per_week);
      const low = reachable.length ? Math.min(...reachable) : 0;
      const high = reachable.length ? Math.max(...reachable) : 1;
      LS.chart('chart-heatmap', {
        grid: { left: 70, right: 24, top: 36, bottom: 90 },
        tooltip: { formatter: p => { const r = rows.find(x => slas.indexOf(x.sla_hours) === p.value[0]
              && thresholds.indexOf(x.threshold) === p.value[1]);
            return 'threshold ' + r.threshold.toFixed(2) + ', SLA ' + r.sla_hours + ' h: '
              + (r.reachable ? LS.count(Math.round(r.required_leads_per_week)) + ' leads/week, ' + LS.count(Math.round(r.required_mqls)) + ' MQLs'
                : 'not reachable (best ' + LS.percent(r.p_attain, 0) + ')'); } },
        xAxis: { type: 'category', name: 'SLA hours', nameLocation: 'middle', nameGap: 28, data: slas.map(String) },
        yAxis: { type: 'category', name: 'threshold', data: thresholds.map(t => t.toFixed(2)) },
        visualMap: { min: low, max: Math.max(high, low + 1), calculable: true, orient: 'horizontal', left: 'center', bottom: 4,
          seriesIndex: 0, text: ['more leads', 'fewer'], inRange: { color: ['#e3f4ea', '#7fb3ea', '#1f5fa8'] } },
        // cells where the confidence is out of reach are a second, grey series the colour scale does not touch
        series: [
          { type: 'heatmap', data: rows.filter(r => r.reachable).map(r => [slas.indexOf(r.sla_hours),
              thresholds.indexOf(r.threshold), Math.round(r.required_leads_per_week)]),
            label: { show: true, formatter: p => LS.count(p.value[2]) } },
          { type: 'heatmap', data: rows.filter(r => !r.reachable).map(r => [slas.indexOf(r.sla_hours),
              thresholds.indexOf(r.threshold), 0]), itemStyle: { color: '#e5e9ee' },
            label: { show: true, color: LS.colors.grey, formatter: 'out of reach' } }]
      });
      $('plan-status').textContent = 'Leads per week at ' + LS.percent(Number($('confidence').value), 0)
        + ' confidence · ' + Math.round((performance.now() - started) / 100) / 10 + ' s';
    } catch (e) {
      $('plan-status').textContent = 'Not planned: ' + e.message;
    } finally {
      button.disabled = false;
    }
  }

  let backtestDays = null;
  async function backtest() {
    const days = inputs.period.value;
    if (days === backtestDays) {
      return;
    }
    backtestDays = days;
    $('backtest-status').textContent = 'Back-testing every past ' + days + '-day period (once per change of the store;'
      + ' about a minute on 20,000 leads)…';
    try {
      const r = await LS.getJson('/api/backtest?period-days=' + days);
      if (days !== backtestDays) {
        return;
      }
      renderBacktest(r, days);
    } catch (e) {
      $('backtest-status').textContent = 'Not back-tested: ' + e.message;
      backtestDays = null;
    }
  }

  function renderBacktest(r, days) {
    const s = r.summary;
    LS.text('bt-wins-coverage', s.wins.periods ? s.wins.inside_p10_p90 + ' of ' + s.wins.periods : '–');
    LS.text('bt-revenue-coverage', s.revenue.periods ? s.revenue.inside_p10_p90 + ' of ' + s.revenue.periods : '–');
    LS.text('bt-revenue-error', s.revenue.median_relative_error_p50 === null ? '–' : LS.percent(s.revenue.median_relative_error_p50, 0));
    LS.text('bt-periods', String(r.periods.length));
    const labels = r.periods.map(p => LS.day(p.from));
    LS.chart('chart-backtest', {
      grid: { left: 56, right: 16, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis', formatter: ps => { const p = r.periods[ps[0].dataIndex]; const m = p.revenue;
          return p.from + ' to ' + p.to + '<br>P10 ' + LS.amount(m.p10) + ' · P50 ' + LS.amount(m.p50) + ' · P90 '
            + LS.amount(m.p90) + '<br>actual ' + LS.amount(m.actual) + ' (' + LS.percent(m.percentile_rank, 0) + ')'; } },
      legend: { data: ['P10–P90', 'P50', 'actual'], top: 0, right: 0 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', axisLabel: { formatter: v => LS.compact(v) }, splitLine: { lineStyle: { color: '#eef1f4' } } },
      series: [
        { name: 'P10', type: 'bar', stack: 'band', itemStyle: { color: 'transparent' }, data: r.periods.map(p => p.revenue.p10),
          tooltip: { show: false } },
        { name: 'P10–P90', type: 'bar', stack: 'band', itemStyle: { color: LS.colors.light, opacity: 0.6 },
          data: r.periods.map(p => p.revenue.p90 - p.revenue.p10) },
        { name: 'P50', type: 'scatter', symbol: 'rect', symbolSize: [26, 3], itemStyle: { color: LS.colors.brand },
          data: r.periods.map(p => p.revenue.p50) },
        { name: 'actual', type: 'scatter', symbolSize: 10, data: r.periods.map(p => ({ value: p.revenue.actual,
            itemStyle: { color: p.revenue.inside_p10_p90 ? LS.colors.good : LS.colors.bad } })) }]
    });
    const bins = ['0–10', '10–20', '20–30', '30–40', '40–50', '50–60', '60–70', '70–80', '80–90', '90–100'];
    LS.chart('chart-pit', {
      grid: { left: 40, right: 16, top: 24, bottom: 40 },
      tooltip: { trigger: 'axis' },
      legend: { data: ['wins', 'revenue'], top: 0, right: 0 },
      xAxis: { type: 'category', name: 'percentile', nameLocation: 'middle', nameGap: 26, data: bins },
      yAxis: { type: 'value', minInterval: 1, name: 'periods' },
      series: [
        { name: 'wins', type: 'bar', data: s.wins.pit_histogram, itemStyle: { color: LS.colors.brand } },
        { name: 'revenue', type: 'bar', data: s.revenue.pit_histogram, itemStyle: { color: LS.colors.good } }]
    });
    const mqls = r.periods.find(p => p.mqls.note);
    $('backtest-status').textContent = r.periods.length + ' periods of ' + days + ' days'
      + (mqls ? ' · MQLs not compared: ' + mqls.mqls.note : '');
    $('backtest').dataset.ready = 'true';
  }

  function changed() {
    labels();
    clearTimeout(timer);
    timer = setTimeout(simulate, 150);
    clearTimeout(leverTimer);
    leverTimer = setTimeout(levers, 600);
  }

  Object.values(inputs).forEach(el => el.addEventListener(el.type === 'range' || el.type === 'number' ? 'input' : 'change', changed));
  inputs.period.addEventListener('change', backtest);
  $('plan-button').addEventListener('click', plan);
  labels();
  simulate();
  levers();
  if (store.as_of) {
    backtest();
  } else {
    $('backtest-status').textContent = 'No back-test: the store has no history to calibrate from yet.';
  }
})();
