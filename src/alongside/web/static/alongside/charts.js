/* Draws the impact and fidelity charts with Chart.js. Each chart's figures come from the page as JSON
   (Django's json_script), and the same figures sit in a data table beside it, so the chart is a picture
   for sighted readers and never the only way to read a figure. Series differ by line dash or bar
   pattern and marker shape as well as colour, so the chart can be read without telling colours apart. */
(function () {
  'use strict'

  var Chart = window.Chart
  if (!Chart) return

  var BLACK = '#0b0c0c'
  var DARK_GREY = '#505a5f'
  var GRID = '#cecece'
  var WHITE = '#ffffff'
  // GOV.UK palette colours with at least 3:1 contrast on white (WCAG 1.4.11); the first is the brand blue.
  var SERIES = [
    { colour: '#1d70b8', dash: [], point: 'circle', pattern: 'solid' },
    { colour: '#00703c', dash: [10, 5], point: 'rect', pattern: 'diagonal' },
    { colour: '#4c2c92', dash: [2, 4], point: 'triangle', pattern: 'dots' },
    { colour: '#d4351c', dash: [12, 4, 3, 4], point: 'rectRot', pattern: 'horizontal' },
    { colour: '#28a197', dash: [18, 6], point: 'crossRot', pattern: 'crosshatch' },
    { colour: '#b58840', dash: [4, 4], point: 'cross', pattern: 'vertical' },
    { colour: '#d53880', dash: [8, 3, 2, 3, 2, 3], point: 'star', pattern: 'backDiagonal' },
    { colour: '#6f72af', dash: [1, 6], point: 'rectRounded', pattern: 'grid' }
  ]
  var NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })

  function seriesStyle (index) {
    return SERIES[index % SERIES.length]
  }

  function withUnit (value, unit) {
    var number = NUMBER.format(value)
    if (!unit) return number
    return unit === '%' ? number + '%' : number + ' ' + unit
  }

  // The service is built with Arial (it is not on GOV.UK, so may not use GDS Transport); a page that
  // does load GDS Transport gets it in its charts too.
  function fontFamily () {
    var body = window.getComputedStyle(document.body).fontFamily || ''
    return /GDS Transport/i.test(body) ? body : 'arial, sans-serif'
  }

  function reducedMotion () {
    return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches
  }

  // A small picture of a series' line (its dash, width and marker) for the legend, drawn at the
  // screen's pixel density and handed to Chart.js as an image of the size it is shown at.
  function lineSample (style, lineWidth, radius) {
    var width = 44
    var height = 16
    var ratio = window.devicePixelRatio || 1
    var canvas = document.createElement('canvas')
    canvas.width = Math.ceil(width * ratio)
    canvas.height = Math.ceil(height * ratio)
    var ctx = canvas.getContext('2d')
    ctx.scale(ratio, ratio)
    ctx.strokeStyle = style.colour
    ctx.lineWidth = lineWidth
    ctx.setLineDash(style.dash)
    ctx.beginPath()
    ctx.moveTo(0, height / 2)
    ctx.lineTo(width, height / 2)
    ctx.stroke()
    ctx.setLineDash([])
    var marker = { pointStyle: style.point, radius: radius, borderWidth: 1.5, rotation: 0 }
    Chart.helpers.drawPoint(ctx, marker, width / 2, height / 2)
    ctx.fillStyle = style.colour
    ctx.fill()
    ctx.stroke()
    var image = new Image(width, height)
    image.src = canvas.toDataURL('image/png')
    return image
  }

  // Bars after the first are filled with a pattern in their colour, so grouped bars differ in more
  // than colour.
  function barFill (style, ctx) {
    if (style.pattern === 'solid') return style.colour
    var size = 8
    var tile = document.createElement('canvas')
    tile.width = size
    tile.height = size
    var t = tile.getContext('2d')
    t.fillStyle = WHITE
    t.fillRect(0, 0, size, size)
    t.strokeStyle = style.colour
    t.fillStyle = style.colour
    t.lineWidth = 2
    t.beginPath()
    // Each segment as [x1, y1, x2, y2]; the diagonals run past the tile's corners so they join up.
    var segments = {
      diagonal: [[0, size, size, 0], [-2, 2, 2, -2], [size - 2, size + 2, size + 2, size - 2]],
      backDiagonal: [[0, 0, size, size], [size - 2, -2, size + 2, 2], [-2, size - 2, 2, size + 2]],
      horizontal: [[0, size / 2, size, size / 2]],
      vertical: [[size / 2, 0, size / 2, size]],
      crosshatch: [[0, 0, size, size], [0, size, size, 0]],
      grid: [[0, size / 2, size, size / 2], [size / 2, 0, size / 2, size]]
    }[style.pattern] || []
    segments.forEach(function (s) { t.moveTo(s[0], s[1]); t.lineTo(s[2], s[3]) })
    if (style.pattern === 'dots') {
      t.arc(size / 2, size / 2, 1.75, 0, 2 * Math.PI)
      t.fill()
    }
    t.stroke()
    return ctx.createPattern(tile, 'repeat')
  }

  var TARGET_GAP = 6

  function hasTarget (spec) {
    return spec.target !== null && spec.target !== undefined
  }

  function targetText (spec) {
    return 'Aim: ' + withUnit(spec.target, spec.unit)
  }

  var measurer = null
  function textWidth (text, size, weight) {
    measurer = measurer || document.createElement('canvas').getContext('2d')
    measurer.font = (weight || 'normal') + ' ' + size + 'px ' + fontFamily()
    return Math.ceil(measurer.measureText(text).width)
  }

  function yBounds (spec) {
    var values = []
    spec.series.forEach(function (series) {
      series.values.forEach(function (value) { if (value !== null && value !== undefined) values.push(value) })
    })
    if (hasTarget(spec)) values.push(spec.target)
    var highest = values.length ? Math.max.apply(null, values) : 0
    var bounds = { beginAtZero: true }
    // A share is read against the whole, so its axis runs to 100% unless a figure goes past it.
    if (spec.unit === '%' && highest <= 100) bounds.max = 100
    else if (hasTarget(spec)) bounds.suggestedMax = spec.target
    return bounds
  }

  function annotations (spec, kind, sizes) {
    var result = {}
    if (spec.go_live_index !== null && spec.go_live_index !== undefined) {
      // A bar stands for its whole month, so the line goes between the month before and the month
      // the model started; on a line chart it goes through the go-live month's point.
      var x = kind === 'bar' ? spec.go_live_index - 0.5 : spec.go_live_index
      result.goLive = {
        type: 'line',
        scaleID: 'x',
        value: x,
        borderColor: BLACK,
        borderWidth: 2,
        borderDash: [5, 4]
      }
      // The label sits above the plotting area, centred on the top of the line, so it never hides a
      // figure; near either edge of the chart it moves in just far enough to be read whole.
      var label = spec.go_live_label || ''
      var labelWidth = textWidth(label, sizes.annotation, 'bold') + 8
      result.goLiveLabel = {
        type: 'label',
        xValue: x,
        yValue: function (context) { return context.chart.scales.y.max },
        position: { x: 'center', y: 'end' },
        xAdjust: function (context) {
          var centre = context.chart.scales.x.getPixelForValue(x)
          var half = labelWidth / 2
          return Math.max(half - centre, 0) - Math.max(centre + half - context.chart.width, 0)
        },
        content: label,
        color: BLACK,
        font: { size: sizes.annotation, weight: 'bold' },
        padding: { x: 4, y: 2 }
      }
    }
    if (hasTarget(spec)) {
      // The aim's label sits to the right of the plotting area, level with its line, so it hides no
      // figure; options() leaves room for it there. Chart.js ends the label at the line's end, so it
      // moves right by its whole width.
      result.target = {
        type: 'line',
        scaleID: 'y',
        value: spec.target,
        borderColor: DARK_GREY,
        borderWidth: 2,
        borderDash: [8, 6],
        label: {
          display: true,
          content: targetText(spec),
          position: 'end',
          xAdjust: textWidth(targetText(spec), sizes.annotation) + TARGET_GAP,
          backgroundColor: 'transparent',
          color: BLACK,
          font: { size: sizes.annotation, weight: 'normal' },
          padding: 0
        }
      }
    }
    return result
  }

  function datasets (spec, kind, ctx, small) {
    return spec.series.map(function (series, index) {
      var style = seriesStyle(index)
      var whole = index === 0
      if (kind === 'bar') {
        return {
          label: series.name,
          data: series.values,
          backgroundColor: barFill(style, ctx),
          borderColor: style.colour,
          borderWidth: style.pattern === 'solid' ? 0 : 2,
          order: index
        }
      }
      var width = whole ? (small ? 3 : 4) : (small ? 1.5 : 2.5)
      var radius = small ? 2 : (whole ? 3.5 : 4)
      return {
        label: series.name,
        data: series.values,
        borderColor: style.colour,
        backgroundColor: style.colour,
        borderWidth: width,
        borderDash: style.dash,
        pointStyle: style.point,
        pointRadius: radius,
        pointHoverRadius: radius + 2,
        pointBorderWidth: 1.5,
        spanGaps: false,
        tension: 0,
        // Whole service drawn last so the pods' lines never hide it.
        order: whole ? 0 : 1
      }
    })
  }

  // A phone's column is too narrow for a wide chart to be read, so there it is drawn taller, and small
  // multiples sit side by side, so they are squarer.
  function isCompact (width) {
    return width < 500
  }

  function setAspectRatio (container, small) {
    var ratio = small ? 1.6 : (isCompact(container.clientWidth) ? 1.1 : 2.2)
    container.style.aspectRatio = String(ratio)
    return ratio
  }

  function options (spec, kind, small, samples, width) {
    var compact = !small && isCompact(width)
    // Small multiples and phone-width charts use smaller type so the plot keeps its room.
    var size = small ? 12 : (compact ? 14 : 16)
    var sizes = { ticks: size, title: size, legend: size, annotation: size }
    var showLegend = !small && spec.series.length > 1
    var yTickUnit = spec.unit === '%' ? '%' : ''
    var y = yBounds(spec)
    y.grid = { color: GRID }
    y.border = { display: false }
    y.ticks = {
      color: BLACK,
      font: { size: sizes.ticks },
      maxTicksLimit: small ? 5 : 8,
      callback: function (value) { return withUnit(value, yTickUnit) }
    }
    var xTicks = { color: BLACK, font: { size: sizes.ticks }, maxRotation: 0, autoSkip: true, autoSkipPadding: 10 }
    if (small) xTicks.maxTicksLimit = 4
    var hasGoLive = spec.go_live_index !== null && spec.go_live_index !== undefined
    return {
      // The box's CSS aspect-ratio (setAspectRatio) sets the chart's height: Chart.js's own aspect
      // ratio caps a resize at the box's old height, so a widened window never widens the chart.
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 250 },
      // Crossing phone width (a window resized, a tablet turned) redraws with that width's layout.
      onResize: function (chart, size) {
        if (small || isCompact(size.width) === compact) return
        window.setTimeout(function () {
          setAspectRatio(chart.canvas.parentNode, small)
          chart.options = options(spec, kind, small, samples, size.width)
          chart.update('none')
        }, 0)
      },
      // Room above the plot for the go-live label, and to its right for the aim's.
      layout: {
        padding: {
          top: hasGoLive && !spec.y_label ? sizes.annotation + 10 : 4,
          right: hasTarget(spec) ? textWidth(targetText(spec), sizes.annotation) + 2 * TARGET_GAP : 8
        }
      },
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: {
          grid: { display: false },
          border: { color: BLACK },
          ticks: xTicks,
          offset: kind === 'bar'
        },
        y: y
      },
      plugins: {
        // The y axis's title, written level above the axis rather than turned on its side, which is
        // easier to read and does not run out of room on a short chart.
        title: {
          display: Boolean(spec.y_label),
          text: spec.y_label || '',
          align: 'start',
          color: BLACK,
          font: { size: sizes.title, weight: 'normal' },
          padding: { top: 0, bottom: hasGoLive ? sizes.annotation + 14 : 10 }
        },
        legend: {
          display: showLegend,
          position: 'bottom',
          labels: {
            color: BLACK,
            font: { size: sizes.legend },
            padding: 16,
            usePointStyle: kind === 'line',
            pointStyleWidth: 44,
            boxWidth: 24,
            boxHeight: 16,
            generateLabels: function (chart) {
              var items = Chart.defaults.plugins.legend.labels.generateLabels(chart)
              items.forEach(function (item) {
                if (samples[item.datasetIndex]) item.pointStyle = samples[item.datasetIndex]
              })
              return items
            }
          }
        },
        tooltip: {
          backgroundColor: BLACK,
          titleFont: { size: sizes.ticks },
          bodyFont: { size: sizes.ticks },
          usePointStyle: true,
          boxPadding: 6,
          filter: function (item) { return Number.isFinite(item.parsed.y) },
          callbacks: {
            label: function (context) { return context.dataset.label + ': ' + withUnit(context.parsed.y, spec.unit) }
          }
        },
        // Drawn over the padding above the plot, where the go-live label sits.
        annotation: { clip: false, annotations: annotations(spec, kind, sizes) }
      }
    }
  }

  function draw (container) {
    if (container.hasAttribute('data-chart-drawn')) return
    var canvas = container.querySelector('canvas')
    var source = document.getElementById(container.getAttribute('data-chart'))
    if (!canvas || !source) return
    var spec = JSON.parse(source.textContent)
    var kind = spec.kind === 'bar' ? 'bar' : 'line'
    var small = container.hasAttribute('data-chart-small')
    container.setAttribute('data-chart-drawn', '')
    canvas.setAttribute('role', 'img')
    if (!canvas.hasAttribute('aria-label')) {
      canvas.setAttribute('aria-label', spec.title + ' (chart; the figures are in the table)')
    }
    // Hidden until drawn, so a page without scripts shows the table alone and no empty box.
    container.hidden = false
    setAspectRatio(container, small)
    Chart.defaults.font.family = fontFamily()
    Chart.defaults.color = BLACK
    var data = datasets(spec, kind, canvas.getContext('2d'), small)
    var samples = kind === 'line'
      ? data.map(function (dataset, index) { return lineSample(seriesStyle(index), dataset.borderWidth, 4) })
      : []
    var chart = new Chart(canvas, {
      type: kind,
      data: { labels: spec.labels, datasets: data },
      options: options(spec, kind, small, samples, container.clientWidth)
    })
    // The legend's line samples are images that decode a moment later; draw again once they have.
    Promise.all(samples.map(function (image) { return image.decode() }))
      .then(function () { chart.draw() }, function () {})
      .then(function () { container.setAttribute('data-chart-ready', '') })
    return chart
  }

  function drawAll (root) {
    var scope = root || document
    var containers = Array.prototype.slice.call(scope.querySelectorAll('[data-chart]'))
    if (scope.matches && scope.matches('[data-chart]')) containers.unshift(scope)
    containers.forEach(draw)
  }

  window.AlongsideCharts = { drawAll: drawAll }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { drawAll(document) })
  } else {
    drawAll(document)
  }
  // Charts that arrive in an htmx swap are drawn too.
  document.addEventListener('htmx:load', function (event) { drawAll(event.detail && event.detail.elt) })
})()
