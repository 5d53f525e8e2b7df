// The dataset page's annotation viewer: downloads the shown image's annotation file and draws its shapes
// as SVG over the image. Read tolerantly: {"annotations": [...]} or a list; points as {"x", "y"} or [x, y].
// Every text from the file goes in through textContent or setAttribute, never as HTML. A file that cannot
// be read or parsed, or entries that cannot be drawn, give a note on the page instead of an error.
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#e01b24', '#2ec27e', '#1c71d8', '#f6d32d', '#9141ac', '#ff7800', '#00b4c8', '#c64600'];
  const dataElement = document.getElementById('annotation-data');
  if (!dataElement) {
    return;
  }
  const data = JSON.parse(dataElement.textContent);
  const image = document.getElementById('annotated-image');
  const svg = document.getElementById('annotation-overlay');
  const legend = document.getElementById('annotation-legend');
  const note = document.getElementById('annotation-note');
  const notes = [];

  function say(text) {
    notes.push(text);
    note.textContent = notes.join(' ');
    note.hidden = false;
  }

  function done(state) {
    svg.setAttribute('data-state', state);
  }

  function color(label) {
    let h = 0;
    for (let i = 0; i < label.length; i++) {
      h = (h * 31 + label.charCodeAt(i)) | 0;
    }
    return COLORS[Math.abs(h) % COLORS.length];
  }

  function point(p) {
    let xy = null;
    if (Array.isArray(p) && p.length === 2) {
      xy = [p[0], p[1]];
    } else if (p !== null && typeof p === 'object') {
      xy = [p.x, p.y];
    }
    return xy && typeof xy[0] === 'number' && typeof xy[1] === 'number' && isFinite(xy[0]) && isFinite(xy[1]) ? xy : null;
  }

  function element(name, attributes, label) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attributes)) {
      e.setAttribute(k, String(v));
    }
    const title = document.createElementNS(NS, 'title');
    title.textContent = label;
    e.appendChild(title);
    return e;
  }

  /** The SVG element of one entry, or a reason it cannot be drawn. */
  function shape(entry) {
    const label = typeof entry.label === 'string' && entry.label !== '' ? entry.label : '(no label)';
    if (entry.points === undefined || entry.points === null) {
      return {classLabel: label}; // an image-level class
    }
    const type = typeof entry.type === 'string' ? entry.type.toLowerCase() : 'polygon';
    const raw = Array.isArray(entry.points) ? entry.points : [];
    const points = raw.map(point);
    if (points.some(p => p === null)) {
      return {problem: type + ' \u2018' + label + '\u2019 has a point that is not {x, y} or [x, y]'};
    }
    const style = {'class': 'shape shape-' + type.replace(/[^a-z]/g, ''), 'data-label': label, 'stroke': color(label),
      'vector-effect': 'non-scaling-stroke'};
    const list = points.map(p => p[0] + ',' + p[1]).join(' ');
    if (type === 'polygon') {
      if (points.length < 3) {
        return {problem: 'polygon \u2018' + label + '\u2019 has ' + points.length + ' points (a polygon needs 3)'};
      }
      return {element: element('polygon', Object.assign({points: list, 'fill': color(label)}, style), label), label: label};
    }
    if (type === 'rectangle') {
      if (points.length < 2) {
        return {problem: 'rectangle \u2018' + label + '\u2019 has ' + points.length + ' point (a rectangle needs 2)'};
      }
      const xs = points.map(p => p[0]);
      const ys = points.map(p => p[1]);
      const x = Math.min(...xs);
      const y = Math.min(...ys);
      return {element: element('rect', Object.assign({x: x, y: y, width: Math.max(...xs) - x, height: Math.max(...ys) - y,
        'fill': color(label)}, style), label), label: label};
    }
    if (points.length === 1 || type === 'point') {
      if (points.length < 1) {
        return {problem: 'point \u2018' + label + '\u2019 has no coordinates'};
      }
      const r = typeof entry.radius === 'number' && isFinite(entry.radius) && entry.radius > 0 ? entry.radius : 3;
      return {element: element('circle', Object.assign({cx: points[0][0], cy: points[0][1], r: r, 'fill': color(label)}, style), label),
        label: label};
    }
    if (points.length >= 2) {
      return {element: element('polyline', Object.assign({points: list, 'fill': 'none'}, style), label), label: label};
    }
    return {problem: type + ' \u2018' + label + '\u2019 has no points'};
  }

  function draw(json) {
    let entries = null;
    if (Array.isArray(json)) {
      entries = json;
    } else if (json !== null && typeof json === 'object' && Array.isArray(json.annotations)) {
      entries = json.annotations;
    }
    if (entries === null) {
      say('The annotation file ' + data.annotationName + ' has no "annotations" list; nothing to draw.');
      done('problem');
      return;
    }
    const counts = new Map();
    const problems = [];
    let drawn = 0;
    for (const entry of entries) {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        problems.push('an entry that is not an object');
        continue;
      }
      const s = shape(entry);
      if (s.problem) {
        problems.push(s.problem);
        continue;
      }
      const label = s.label || s.classLabel;
      counts.set(label, (counts.get(label) || 0) + 1);
      if (s.element) {
        svg.appendChild(s.element);
        drawn++;
      }
    }
    for (const [label, n] of counts) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.backgroundColor = color(label);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(label + ' \u00d7 ' + n));
      legend.appendChild(item);
    }
    if (entries.length === 0) {
      say('The annotation file has no entries.');
    }
    if (problems.length > 0) {
      say(problems.length + ' entr' + (problems.length === 1 ? 'y' : 'ies') + ' not drawn: ' + problems.slice(0, 5).join('; ')
        + (problems.length > 5 ? '; \u2026' : '') + '.');
    }
    svg.setAttribute('data-shapes', String(drawn));
    done(problems.length > 0 ? 'partly' : 'drawn');
  }

  const loaded = new Promise(resolve => {
    if (image.complete) {
      resolve(image.naturalWidth > 0);
    } else {
      image.addEventListener('load', () => resolve(true));
      image.addEventListener('error', () => resolve(false));
    }
  });
  const text = fetch(data.annotation, {credentials: 'same-origin'}).then(r => {
    if (!r.ok) {
      throw new Error('the platform answered ' + r.status);
    }
    return r.text();
  });
  Promise.all([loaded, text]).then(([ok, body]) => {
    let json;
    try {
      json = JSON.parse(body);
    } catch (e) {
      say('The annotation file ' + data.annotationName + ' is not valid JSON (' + e.message + '); nothing drawn.');
      done('problem');
      return;
    }
    let width = ok ? image.naturalWidth : 0;
    let height = ok ? image.naturalHeight : 0;
    if (!ok) {
      const size = json !== null && typeof json === 'object' && json.image ? json.image : {};
      width = typeof size.width === 'number' ? size.width : 0;
      height = typeof size.height === 'number' ? size.height : 0;
      say('The image cannot be shown by the browser.');
      if (width <= 0 || height <= 0) {
        done('problem');
        return;
      }
    }
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    draw(json);
  }, e => {
    say('The annotation file ' + data.annotationName + ' cannot be read: ' + e.message + '.');
    done('problem');
  });
}());
