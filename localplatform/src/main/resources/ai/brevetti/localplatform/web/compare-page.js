// The comparison page's script: draws each metric's training curves of the compared runs, overlaid (one
// line per run, the same colour per run in every chart), with the bundled vega-embed; the log-scale box and
// the smoothing slider redraw them. Data: <script type="application/json" id="page-data">: {runs (labels,
// in order), curves: {metric: [{run, epoch, value}]}}.
(function () {
  'use strict';

  const page = JSON.parse(document.getElementById('page-data').textContent);
  const logBox = document.getElementById('log-scale');
  const slider = document.getElementById('smoothing');
  const sliderValue = document.getElementById('smoothing-value');
  if (!logBox || !slider) {
    return;
  }

  const embedOptions = brevettiCharts.embedOptions();
  const views = {};

  // Exponential moving average per run over its points in epoch order, debiased as TensorBoard does
  // (the first points are not pulled towards 0): s_i = w s_(i-1) + (1 - w) v_i, shown as s_i / (1 - w^(i+1)).
  function smooth(rows, weight) {
    const byRun = {};
    rows.forEach(function (r) { (byRun[r.run] = byRun[r.run] || []).push(r); });
    const out = [];
    Object.keys(byRun).forEach(function (run) {
      const series = byRun[run].slice().sort(function (a, b) { return a.epoch - b.epoch; });
      let last = 0;
      series.forEach(function (r, i) {
        last = weight * last + (1 - weight) * r.value;
        const smoothed = weight === 0 ? r.value : last / (1 - Math.pow(weight, i + 1));
        out.push({run: r.run, epoch: r.epoch, value: r.value, smoothed: smoothed});
      });
    });
    return out;
  }

  function spec(metric, rows, log, weight) {
    const y = {field: 'smoothed', type: 'quantitative', title: metric, scale: {type: log ? 'log' : 'linear', zero: false}};
    const color = {field: 'run', type: 'nominal', title: null, scale: {domain: page.runs}, legend: {orient: 'bottom', columns: 2, labelLimit: 400}};
    // whole epochs only: at most one tick per epoch
    const x = {field: 'epoch', type: 'quantitative', title: 'epoch',
      axis: {tickCount: {expr: "max(1, min(ceil(width / 40), span(domain('x'))))"}}};
    const line = {mark: {type: 'line', point: rows.length <= 200, tooltip: true}, encoding: {x: x, y: y, color: color}};
    const layers = [line];
    if (weight > 0) {
      // the raw values stay visible, faint (second: the legend takes its symbols from the first layer)
      layers.push({mark: {type: 'line', opacity: 0.25}, encoding: {x: x, y: Object.assign({}, y, {field: 'value'}), color: color}});
    }
    return {width: 640, height: 240, data: {values: rows}, layer: layers};
  }

  async function draw() {
    const log = logBox.checked;
    const weight = Number(slider.value);
    sliderValue.textContent = weight.toFixed(2).replace(/\.?0+$/, '') || '0';
    const metrics = Object.keys(page.curves);
    for (let i = 0; i < metrics.length; i++) {
      const element = document.getElementById('curve-' + i);
      const note = element.parentElement.querySelector('.curve-note');
      let rows = page.curves[metrics[i]];
      let left = 0;
      if (log) {
        // a log scale has no place for 0 or negative values
        const positive = rows.filter(function (r) { return r.value > 0; });
        left = rows.length - positive.length;
        rows = positive;
      }
      note.textContent = left > 0 ? left + (left === 1 ? ' value' : ' values') + ' ≤ 0 left out on the log scale.' : '';
      if (views[i]) {
        views[i].finalize();
        delete views[i];
      }
      element.textContent = '';
      element.dataset.rendered = 'false';
      if (rows.length === 0) {
        note.textContent = 'Nothing to draw on the log scale.';
        element.dataset.rendered = 'true';
      } else {
        try {
          views[i] = (await vegaEmbed(element, spec(metrics[i], smooth(rows, weight), log, weight), embedOptions)).view;
          element.dataset.rendered = 'true';
        } catch (e) {
          element.classList.add('problem');
          element.textContent = 'This chart cannot be shown: ' + e.message;
        }
      }
      element.dataset.scale = log ? 'log' : 'linear';
      element.dataset.smoothing = String(weight);
    }
    document.getElementById('curves').dataset.drawn = (log ? 'log' : 'linear') + ':' + weight;
  }

  let pending = Promise.resolve();
  function redraw() {
    pending = pending.then(draw);
  }
  logBox.addEventListener('change', redraw);
  slider.addEventListener('input', function () { sliderValue.textContent = slider.value; });
  slider.addEventListener('change', redraw);
  redraw();
})();
