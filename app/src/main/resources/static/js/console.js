/* Shared helpers of the console pages: page data, charts (ECharts, SVG renderer), number formats. */
(function () {
  'use strict';
  const charts = [];
  const LS = {
    colors: { brand: '#1f5fa8', light: '#7fb3ea', good: '#1b7f4c', bad: '#b3261e', warn: '#c58a00', grey: '#9aa7b4', ink: '#1d2733' },

    /** The JSON the server put in the data-json attribute of #page (attribute-escaped by the template). */
    data() {
      const el = document.getElementById('page');
      return el && el.dataset.json ? JSON.parse(el.dataset.json) : null;
    },

    /** Draws a chart into the element with this id; returns the ECharts instance. */
    chart(id, option) {
      const el = document.getElementById(id);
      if (!el) {
        return null;
      }
      let chart = echarts.getInstanceByDom(el);
      if (!chart) {
        chart = echarts.init(el, null, { renderer: 'svg' });
        charts.push(chart);
      }
      // a tooltip is HTML: what a formatter builds from stored text (a rejection reason a rep typed, a lead's
      // phrase) is escaped, and only the line breaks the pages themselves write stay markup
      if (option.tooltip && typeof option.tooltip.formatter === 'function') {
        const format = option.tooltip.formatter;
        option = Object.assign({}, option, { tooltip: Object.assign({}, option.tooltip, {
          formatter: (...args) => LS.html(format(...args)).replace(/&lt;br&gt;/g, '<br>') }) });
      }
      chart.setOption(Object.assign({ animation: false, textStyle: { fontFamily: 'system-ui, sans-serif' } }, option), true);
      el.dataset.revision = String((Number(el.dataset.revision) || 0) + 1);
      el.dataset.ready = 'true';
      return chart;
    },

    /** Text made safe to put into HTML: & < > " ' as entities. */
    html(text) {
      return String(text === null || text === undefined ? '' : text).replace(/&/g, '&amp;').replace(/</g, '&lt;')
        .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    },

    percent(x, digits) {
      return x === null || x === undefined || !isFinite(x) ? '–' : (100 * x).toFixed(digits === undefined ? 1 : digits) + '%';
    },
    amount(x) {
      return x === null || x === undefined || !isFinite(x) ? '–' : Math.round(x).toLocaleString('en-US');
    },
    count(x) {
      if (x === null || x === undefined || !isFinite(x)) {
        return '–';
      }
      return Number.isInteger(x) ? x.toLocaleString('en-US') : x.toLocaleString('en-US', { maximumFractionDigits: 1 });
    },
    compact(x) {
      const a = Math.abs(x);
      if (a >= 1e9) { return (x / 1e9).toFixed(a >= 1e10 ? 0 : 1) + 'B'; }
      if (a >= 1e6) { return (x / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M'; }
      if (a >= 1e3) { return (x / 1e3).toFixed(a >= 1e4 ? 0 : 1) + 'k'; }
      return String(Math.round(x));
    },
    day(iso) {
      return iso ? String(iso).substring(0, 10) : '';
    },
    text(id, value) {
      const el = document.getElementById(id);
      if (el) {
        el.textContent = value;
      }
    },

    /** GET a JSON API path with the session; rejects with the problem's detail on an error status or problem body. */
    async getJson(path, signal) {
      const response = await fetch(path, { headers: { Accept: 'application/json' }, signal: signal, credentials: 'same-origin' });
      if (!response.ok) {
        let detail = response.status + ' ' + response.statusText;
        try {
          const problem = await response.json();
          detail = problem.detail || detail;
        } catch (ignored) {
          // not a problem document
        }
        throw new Error(detail);
      }
      const body = await response.json();
      // a what-if that ran long is answered 200 at once; should it fail later, its body is the problem
      if (body && !Array.isArray(body) && body.type && body.title && body.status >= 400 && body.detail) {
        throw new Error(body.detail);
      }
      return body;
    }
  };
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));
  window.LS = LS;
})();
