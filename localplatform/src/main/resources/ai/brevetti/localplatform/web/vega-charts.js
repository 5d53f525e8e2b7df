// What every page that draws Vega-Lite charts shares (loaded after the bundled vega-embed, before the page's
// own script): the embed options, with a loader that lets Vega load data and images named in a spec only
// from this platform, never from another site.
(function () {
  'use strict';

  function sameOriginLoader() {
    const loader = vega.loader();
    const sanitize = loader.sanitize.bind(loader);
    loader.sanitize = function (uri, options) {
      return sanitize(uri, options).then(function (result) {
        const url = new URL(result.href, window.location.href);
        if (url.origin !== window.location.origin) {
          throw new Error('charts here load nothing from other sites (' + url.href + ')');
        }
        return result;
      });
    };
    return loader;
  }

  window.brevettiCharts = {
    embedOptions: function () {
      return {renderer: 'svg', actions: {export: true, source: true, compiled: false, editor: false}, loader: sameOriginLoader()};
    }
  };
})();
