// The model page's script: draws the uploaded Vega-Lite charts and the training progress with the
// bundled vega-embed, and polls the platform for new progress points. Its data comes from the page's
// <script type="application/json" id="page-data"> block: {modelId, status, pointsUrl, pollMillis, charts}.
(function () {
  'use strict';

  const page = JSON.parse(document.getElementById('page-data').textContent);

  const embedOptions = brevettiCharts.embedOptions();

  function showProblem(element, message) {
    element.classList.add('problem');
    element.textContent = message;
  }

  // ---- the uploaded charts

  page.charts.forEach(function (chart, i) {
    const element = document.getElementById('chart-' + i);
    if (chart.error) {
      showProblem(element, 'This chart cannot be shown: ' + chart.error);
      return;
    }
    vegaEmbed(element, chart.spec, embedOptions).then(function () {
      element.dataset.rendered = 'true';
    }).catch(function (e) {
      showProblem(element, 'This chart cannot be shown: ' + e.message);
    });
  });

  // ---- the training progress: one line per metric over the epochs

  const progress = document.getElementById('progress');
  const progressNote = document.getElementById('progress-note');
  const chartsNote = document.getElementById('charts-note');
  const statusBadge = document.getElementById('status');

  const progressSpec = {
    width: 640,
    height: 240,
    mark: {type: 'line', point: true, tooltip: true},
    encoding: {
      // whole epochs only: at most one tick per epoch (tickMinStep does not reach Vega's axis here)
      x: {field: 'epoch', type: 'quantitative', title: 'epoch',
          axis: {tickCount: {expr: "max(1, min(ceil(width / 40), span(domain('x'))))"}}},
      y: {field: 'value', type: 'quantitative', title: null},
      color: {field: 'metric', type: 'nominal', title: null}
    }
  };

  // A point {"epoch": 3, "loss": 0.4, "accuracy": 0.8} becomes rows {epoch, metric, value}; values that
  // are not finite numbers (NaN and Infinity arrive as null) are left out; no epoch: the point's index.
  function rows(points, offset) {
    const out = [];
    points.forEach(function (point, i) {
      const epoch = typeof point.epoch === 'number' ? point.epoch : offset + i;
      Object.keys(point).forEach(function (metric) {
        const value = point[metric];
        if (metric !== 'epoch' && typeof value === 'number' && isFinite(value)) {
          out.push({epoch: epoch, metric: metric, value: value});
        }
      });
    });
    return out;
  }

  // A job ends completed or failed: the page stops asking for points then.
  function ended(status) {
    return status === 'completed' || status === 'failed';
  }

  function showStatus(status, answer) {
    if (statusBadge && status && statusBadge.textContent !== status) {
      statusBadge.textContent = status;
      statusBadge.className = 'status status-' + status;
    }
    const row = document.getElementById('failure-row');
    if (row && status === 'failed' && answer && answer.failure) {
      document.getElementById('failure').textContent = answer.failure;
      document.getElementById('failed-time').textContent = (answer.failed || '').replace(/\.\d+Z$/, 'Z').replace('T', ' ');
      row.hidden = false;
    }
  }

  function showNewCharts(count) {
    const added = count - page.charts.length;
    if (chartsNote && added > 0) {
      chartsNote.textContent = '';
      const reload = document.createElement('a');
      reload.href = window.location.pathname;
      reload.textContent = added + (added === 1 ? ' new chart' : ' new charts') + ': reload the page to see ' + (added === 1 ? 'it' : 'them');
      chartsNote.appendChild(reload);
    }
  }

  // The chart is drawn when the first points arrive (Vega draws an empty chart with infinite scales), then
  // new points are inserted into its data set.
  function follow() {
    let count = 0;
    let view = null;

    async function add(points) {
      const data = rows(points, count);
      if (data.length === 0) {
        return;
      }
      if (view === null) {
        const spec = Object.assign({}, progressSpec, {data: {name: 'points', values: data}});
        view = (await vegaEmbed(progress, spec, embedOptions)).view;
      } else {
        await view.change('points', vega.changeset().insert(data)).runAsync();
      }
    }

    async function poll() {
      let status = page.status;
      let answer = null;
      try {
        const response = await fetch(page.pointsUrl + '?from=' + count, {cache: 'no-store'});
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        answer = await response.json();
        status = answer.status;
        if (answer.total < count) {
          // the points were replaced: start over
          if (view !== null) {
            view.finalize();
            view = null;
          }
          progress.textContent = '';
          count = 0;
        } else if (answer.points.length > 0) {
          await add(answer.points);
          count += answer.points.length;
        }
        progress.dataset.points = String(count);
        progressNote.textContent = count === 0
          ? (ended(status) ? 'The job reported no training progress.' : 'Waiting for the first point…')
          : count + (count === 1 ? ' point' : ' points') + (ended(status) ? '' : ', updated live');
        showStatus(status, answer);
        showNewCharts(answer.charts);
      } catch (e) {
        progressNote.textContent = 'Cannot show the training progress (' + e.message + '); trying again.';
      }
      progress.dataset.polling = String(!ended(status));
      if (!ended(status)) {
        window.setTimeout(poll, page.pollMillis);
      }
    }
    poll();
  }

  if (progress) {
    follow();
  }
})();
