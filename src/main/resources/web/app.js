// The dashboard page (docs/dashboard.md). Reads the bridge's /api datasets like any other client: signed in by a
// session cookie (HttpOnly: this script never sees it, nor keeps the key), conditional requests (If-None-Match) on
// every refresh so unchanged datasets are not downloaded again. No inline code, no other origin (the page's CSP).
// Text from the API is always set with textContent, never parsed as HTML.
'use strict';
(() => {
  const MESSAGES = {
    es: {
      skip: 'Ir al contenido', title: 'Tablero del depósito', language: 'Idioma', refresh: 'Actualizar',
      signOut: 'Salir', signInTitle: 'Ingresar', apiKey: 'Clave de API', signIn: 'Ingresar',
      signInHint: 'La clave se pide una sola vez; el navegador guarda solo una sesión.',
      noDataTitle: 'Todavía no hay datos',
      noDataText: 'El puente está sincronizando con el depósito por primera vez. Se reintenta en {s} s.',
      kpiTitle: 'Resumen', csv: 'Descargar CSV', showTable: 'Ver tabla', showChart: 'Ver gráfico',
      wrongKey: 'Clave incorrecta: {m}', missingKey: 'Escriba la clave de API.',
      tooMany: 'Demasiados pedidos: reintente en {s} s.', sessionEnded: 'La sesión terminó: ingrese de nuevo.',
      failed: 'No se pudo cargar ({m}).', invalid: 'Filtro inválido ({p}): {m}', empty: 'Sin datos para mostrar.',
      simulated: 'Datos simulados: el puente no está conectado al depósito real.',
      stale: 'Datos desactualizados: la última sincronización completa es de hace {age} ({at}).',
      asOf: 'Datos al {at} ({age}) · fuente: {src} · zona horaria {tz}',
      srcDeposito: 'depósito', srcSimulator: 'simulador',
      ageNow: 'menos de un minuto', ageMin: '{n} min', ageHour: '{n} h {m} min', ageDay: '{n} d {h} h',
      kValor: 'Valor del inventario', kProductos: 'Productos activos', kProductosSub: 'de {n} en total',
      kCritico: 'Stock crítico', kSinStock: 'Sin stock', kMovs: 'Movimientos esta semana',
      kMovsSub: 'entradas {e} u. · salidas {s} u.', kProveedores: 'Proveedores', kTop: 'Proveedor principal',
      daily: 'Entradas y salidas por día', days: 'Días', entradas: 'Entradas (unidades)', salidas: 'Salidas (unidades)',
      top: 'Productos principales', sort: 'Orden', limit: 'Cantidad', provider: 'Proveedor', from: 'Desde', to: 'Hasta',
      tipo: 'Tipo', salida: 'Salidas', entrada: 'Entradas', byCantidad: 'Unidades', byMovimientos: 'Movimientos',
      byValor: 'Valor',
      trends: 'Tendencia mensual', months: 'Meses', valorEntradas: 'Valor de entradas', valorSalidas: 'Valor de salidas',
      byProvider: 'Stock por proveedor', weekly: 'Ventas semanales', weeks: 'Semanas',
      critical: 'Stock crítico', search: 'Buscar', providers: 'Proveedores', order: 'Sentido', desc: 'Mayor primero',
      asc: 'Menor primero',
      cFecha: 'Fecha', cTipo: 'Tipo', cMovimientos: 'Movimientos', cUnidades: 'Unidades', cProductos: 'Productos',
      cCodigo: 'Código', cProducto: 'Producto', cCantidad: 'Unidades', cValor: 'Valor', cProveedor: 'Proveedor',
      cMes: 'Mes', cSemana: 'Semana', cCuit: 'CUIT', cNombre: 'Nombre', cStock: 'Stock', cValorStock: 'Valor del stock',
      cCategoria: 'Categoría', cStockActual: 'Stock actual', cMinimo: 'Mínimo ajustado', cDeficit: 'Déficit',
      cTotalProductos: 'Productos', cActivos: 'Activos', cCriticos: 'Críticos', cMovSemana: 'Movs. semana',
      cMovMes: 'Movs. mes', cEntradas: 'Entradas', cSalidas: 'Salidas',
      rows: '{n} filas', rowsOf: '{n} de {t} filas', chartOf: 'Gráfico: {t}. La tabla tiene los mismos datos.',
      tEntrada: 'entrada', tSalida: 'salida', tAjuste: 'ajuste', tTransferencia: 'transferencia',
    },
    en: {
      skip: 'Skip to content', title: 'Warehouse dashboard', language: 'Language', refresh: 'Refresh',
      signOut: 'Sign out', signInTitle: 'Sign in', apiKey: 'API key', signIn: 'Sign in',
      signInHint: 'The key is asked once; the browser keeps only a session.',
      noDataTitle: 'No data yet',
      noDataText: 'The bridge is syncing with the warehouse for the first time. Retrying in {s} s.',
      kpiTitle: 'Summary', csv: 'Download CSV', showTable: 'Show table', showChart: 'Show chart',
      wrongKey: 'Wrong key: {m}', missingKey: 'Type the API key.',
      tooMany: 'Too many requests: retry in {s} s.', sessionEnded: 'The session ended: sign in again.',
      failed: 'Could not load ({m}).', invalid: 'Invalid filter ({p}): {m}', empty: 'Nothing to show.',
      simulated: 'Simulated data: the bridge is not connected to the real warehouse.',
      stale: 'Stale data: the last complete sync was {age} ago ({at}).',
      asOf: 'Data as of {at} ({age}) · source: {src} · time zone {tz}',
      srcDeposito: 'warehouse', srcSimulator: 'simulator',
      ageNow: 'less than a minute', ageMin: '{n} min', ageHour: '{n} h {m} min', ageDay: '{n} d {h} h',
      kValor: 'Inventory value', kProductos: 'Active products', kProductosSub: 'of {n} in total',
      kCritico: 'Critical stock', kSinStock: 'Out of stock', kMovs: 'Movements this week',
      kMovsSub: 'in {e} u. · out {s} u.', kProveedores: 'Providers', kTop: 'Top provider',
      daily: 'Stock in and out per day', days: 'Days', entradas: 'In (units)', salidas: 'Out (units)',
      top: 'Top products', sort: 'Sort', limit: 'How many', provider: 'Provider', from: 'From', to: 'To',
      tipo: 'Type', salida: 'Out (sales)', entrada: 'In', byCantidad: 'Units', byMovimientos: 'Movements',
      byValor: 'Value',
      trends: 'Monthly trend', months: 'Months', valorEntradas: 'Value in', valorSalidas: 'Value out',
      byProvider: 'Stock by provider', weekly: 'Weekly sales', weeks: 'Weeks',
      critical: 'Critical stock', search: 'Search', providers: 'Providers', order: 'Order', desc: 'Largest first',
      asc: 'Smallest first',
      cFecha: 'Date', cTipo: 'Type', cMovimientos: 'Movements', cUnidades: 'Units', cProductos: 'Products',
      cCodigo: 'Code', cProducto: 'Product', cCantidad: 'Units', cValor: 'Value', cProveedor: 'Provider',
      cMes: 'Month', cSemana: 'Week', cCuit: 'CUIT', cNombre: 'Name', cStock: 'Stock', cValorStock: 'Stock value',
      cCategoria: 'Category', cStockActual: 'Stock', cMinimo: 'Adjusted minimum', cDeficit: 'Deficit',
      cTotalProductos: 'Products', cActivos: 'Active', cCriticos: 'Critical', cMovSemana: 'Moves week',
      cMovMes: 'Moves month', cEntradas: 'In', cSalidas: 'Out',
      rows: '{n} rows', rowsOf: '{n} of {t} rows', chartOf: 'Chart: {t}. The table holds the same data.',
      tEntrada: 'in', tSalida: 'out', tAjuste: 'adjustment', tTransferencia: 'transfer',
    },
  };

  // Numbers and money always in the es-AR format ($ 1.234.567,89), whatever the language: they are Argentine pesos.
  const NUM = new Intl.NumberFormat('es-AR', { maximumFractionDigits: 2 });
  const INT = new Intl.NumberFormat('es-AR', { maximumFractionDigits: 0 });
  const MONEY = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS', minimumFractionDigits: 2 });
  const COLORS = { a: '#2a7d4f', b: '#c0392b', c: '#1d4e89' };

  const state = {
    lang: 'es', tz: 'America/Argentina/Buenos_Aires', refreshSeconds: 60, authEnabled: true, timer: null,
    slots: new Map(), meta: { stale: false, source: null, asOf: null }, firstRenderDone: false, signedIn: false,
    cycle: { stale: false, source: null, asOf: null },
  };
  // What the browser test reads: requests made, answered 304, downloaded; the first full render's time.
  const stats = { requests: 0, notModified: 0, downloaded: 0, firstRenderMs: null, renders: 0 };
  window.dashboardStats = stats;

  const $ = id => document.getElementById(id);
  const t = (key, vars) => {
    let s = (MESSAGES[state.lang] || MESSAGES.es)[key] ?? MESSAGES.es[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'i18n') { e.dataset.i18n = v; e.textContent = t(v); }
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c) e.append(c);
    return e;
  };

  class HttpError extends Error {
    constructor(status, body, retryAfter) {
      super((body && (body.message || body.error)) || `HTTP ${status}`);
      this.status = status; this.body = body || {}; this.retryAfter = retryAfter;
    }
  }

  // ------------------------------------------------------------------ HTTP

  async function request(method, path, headers, body) {
    stats.requests++;
    const r = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
    return r;
  }

  async function errorOf(r) {
    let body = null;
    try { body = await r.json(); } catch (e) { body = null; }
    return new HttpError(r.status, body, Number(r.headers.get('Retry-After')) || 5);
  }

  /** One dataset, by slot: the ETag of the last answer for the same path goes along; a 304 keeps what we have. */
  async function dataset(slot, path) {
    const prev = state.slots.get(slot);
    const headers = { Accept: 'application/json' };
    if (prev && prev.path === path && prev.etag) headers['If-None-Match'] = prev.etag;
    const r = await request('GET', path, headers);
    noteMeta(r);
    if (r.status === 304 && prev && prev.path === path) {
      stats.notModified++;
      return { data: prev.data, changed: false };
    }
    if (!r.ok) throw await errorOf(r);
    const data = await r.json();
    stats.downloaded++;
    state.slots.set(slot, { path, etag: r.headers.get('ETag'), data });
    return { data, changed: true };
  }

  function noteMeta(r) {
    const stale = r.headers.get('X-Data-Stale');
    const source = r.headers.get('X-Data-Source');
    const asOf = r.headers.get('X-Data-As-Of');
    if (stale !== null) state.cycle.stale = state.cycle.stale || stale === 'true';
    if (source) state.cycle.source = source;
    if (asOf && asOf !== 'none' && (!state.cycle.asOf || asOf < state.cycle.asOf)) state.cycle.asOf = asOf;
  }

  // ------------------------------------------------------------------ formatting

  const fmtDateTime = iso => new Intl.DateTimeFormat(state.lang === 'en' ? 'en-GB' : 'es-AR', {
    timeZone: state.tz, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
  const fmtDay = ymd => { const [y, m, d] = ymd.split('-'); return `${d}/${m}/${y}`; };
  const fmtMonth = ym => new Intl.DateTimeFormat(state.lang === 'en' ? 'en-GB' : 'es-AR',
    { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(new Date(`${ym}-15T12:00:00Z`));
  const fmtTipo = v => t('t' + v.charAt(0).toUpperCase() + v.slice(1));
  /** Today's calendar day in the reports' time zone, as YYYY-MM-DD. */
  const dayIn = (date, tz) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit',
    day: '2-digit' }).format(date);

  function age(iso) {
    const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (s < 60) return t('ageNow');
    if (s < 3600) return t('ageMin', { n: Math.floor(s / 60) });
    if (s < 86400) return t('ageHour', { n: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
    return t('ageDay', { n: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
  }

  // ------------------------------------------------------------------ CSV made here (datasets without an export)

  /** excel-ar like the bridge's exports: semicolon, decimal comma, BOM, CRLF; text that a sheet would run is defused. */
  function csvDownload(name, columns, rows) {
    const cell = (v, col) => {
      if (v === null || v === undefined) return '';
      let s = typeof v === 'number' ? String(v).replace('.', ',') : String(v);
      if (typeof v !== 'number' && /^[=+\-@\t\r\n]/.test(s)) s = "'" + s;
      return /[;"\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    };
    const lines = [columns.map(c => c.key).join(';')];
    for (const r of rows) lines.push(columns.map(c => cell(r[c.key], c)).join(';'));
    const blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { href: URL.createObjectURL(blob), download: `${name}-${dayIn(new Date(), state.tz)}.csv` });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ------------------------------------------------------------------ panels

  const num = v => NUM.format(v ?? 0);
  const int = v => INT.format(v ?? 0);
  const money = v => MONEY.format(v ?? 0);
  const q = params => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
    const s = u.toString();
    return s ? '?' + s : '';
  };

  /**
   * Each panel: its controls, the dataset path they make, how its rows become a chart (optional) and a table, and where
   * its CSV comes from (the bridge's export with the same parameters, or made here from the rows shown).
   */
  const PANELS = [
    {
      id: 'daily', title: 'daily', dataset: 'stock-timeline',
      controls: [{ name: 'days', label: 'days', type: 'select', options: [7, 14, 30, 60, 90], value: 14 }],
      path: c => '/api/stock-timeline' + q({ days: c.days }),
      exportPath: c => '/api/export/stock-timeline.csv' + q({ days: c.days, dialect: 'excel-ar' }),
      rows: d => d,
      columns: [
        { key: 'fecha', label: 'cFecha', fmt: fmtDay }, { key: 'tipo', label: 'cTipo', fmt: fmtTipo },
        { key: 'movimientos', label: 'cMovimientos', fmt: int, num: true },
        { key: 'unidades', label: 'cUnidades', fmt: int, num: true },
        { key: 'productos', label: 'cProductos', fmt: int, num: true }],
      chart: (d, c) => {
        // every day of the range, zeros included: the API lists only (day, type) pairs that moved
        const asOf = state.cycle.asOf || state.meta.asOf;
        const today = asOf ? dayIn(new Date(asOf), state.tz) : (d[0] && d[0].fecha);
        const days = [];
        if (today) {
          const base = Date.parse(today + 'T12:00:00Z');
          for (let i = Number(c.days) - 1; i >= 0; i--) days.push(new Date(base - i * 86400000).toISOString().slice(0, 10));
        }
        const by = (tipo, day) => d.filter(r => r.tipo === tipo && r.fecha === day).reduce((s, r) => s + r.unidades, 0);
        return {
          labels: days.map(x => fmtDay(x).slice(0, 5)), kind: 'line', fmt: int, x: 'cFecha',
          series: [{ label: t('entradas'), values: days.map(x => by('entrada', x)), color: COLORS.a },
            { label: t('salidas'), values: days.map(x => by('salida', x)), color: COLORS.b }],
        };
      },
    },
    {
      id: 'top', title: 'top', dataset: 'top-products',
      controls: [
        { name: 'sort', label: 'sort', type: 'select', value: 'cantidad',
          options: [['cantidad', 'byCantidad'], ['movimientos', 'byMovimientos'], ['valor', 'byValor']] },
        { name: 'limit', label: 'limit', type: 'select', options: [5, 10, 20, 50], value: 10 },
        { name: 'tipo', label: 'tipo', type: 'select', value: 'salida', options: [['salida', 'salida'], ['entrada', 'entrada']] },
        { name: 'proveedor', label: 'provider', type: 'text' },
        { name: 'start_date', label: 'from', type: 'date' }, { name: 'end_date', label: 'to', type: 'date' }],
      path: c => '/api/top-products' + q(c),
      exportPath: c => '/api/export/top-products.csv' + q({ ...c, dialect: 'excel-ar' }),
      rows: d => d,
      columns: [
        { key: 'codigo', label: 'cCodigo' }, { key: 'producto', label: 'cProducto' },
        { key: 'cantidad_total', label: 'cCantidad', fmt: int, num: true },
        { key: 'movimientos', label: 'cMovimientos', fmt: int, num: true },
        { key: 'valor_total', label: 'cValor', fmt: money, num: true }, { key: 'proveedor', label: 'cProveedor' }],
      chart: (d, c) => {
        const key = { cantidad: 'cantidad_total', movimientos: 'movimientos', valor: 'valor_total' }[c.sort];
        const label = { cantidad: 'byCantidad', movimientos: 'byMovimientos', valor: 'byValor' }[c.sort];
        return { labels: d.map(r => r.codigo), kind: 'bars', fmt: c.sort === 'valor' ? money : int, x: 'cCodigo', rotate: true,
          series: [{ label: t(label), values: d.map(r => r[key]), color: c.tipo === 'entrada' ? COLORS.a : COLORS.b }] };
      },
    },
    {
      id: 'trends', title: 'trends', dataset: 'trends',
      controls: [{ name: 'months', label: 'months', type: 'select', options: [3, 6, 12, 24], value: 6 },
        { name: 'proveedor', label: 'provider', type: 'text' }],
      path: c => '/api/trends' + q(c),
      rows: d => d.valor_mensual.map(v => {
        const units = tipo => d.movimientos_mensuales.filter(m => m.mes === v.mes && m.tipo === tipo)
          .reduce((s, m) => s + m.unidades, 0);
        return { ...v, unidades_entradas: units('entrada'), unidades_salidas: units('salida') };
      }),
      columns: [
        { key: 'mes', label: 'cMes', fmt: fmtMonth },
        { key: 'valor_entradas', label: 'valorEntradas', fmt: money, num: true },
        { key: 'valor_salidas', label: 'valorSalidas', fmt: money, num: true },
        { key: 'unidades_entradas', label: 'cEntradas', fmt: int, num: true },
        { key: 'unidades_salidas', label: 'cSalidas', fmt: int, num: true }],
      chart: d => ({
        labels: d.valor_mensual.map(r => fmtMonth(r.mes)), kind: 'line', fmt: money, x: 'cMes',
        series: [{ label: t('valorEntradas'), values: d.valor_mensual.map(r => r.valor_entradas), color: COLORS.a },
          { label: t('valorSalidas'), values: d.valor_mensual.map(r => r.valor_salidas), color: COLORS.b }],
      }),
    },
    {
      id: 'byProvider', title: 'byProvider', dataset: 'stock-by-provider',
      controls: [{ name: 'limit', label: 'limit', type: 'select', options: [5, 10, 20, 50], value: 10 }],
      path: c => '/api/stock-by-provider' + q(c),
      rows: d => d,
      columns: [
        { key: 'nombre', label: 'cNombre' }, { key: 'cuit', label: 'cCuit' },
        { key: 'stock_total', label: 'cStock', fmt: int, num: true },
        { key: 'valor_stock', label: 'cValorStock', fmt: money, num: true }],
      chart: d => ({ labels: d.map(r => (r.nombre || r.cuit || '').slice(0, 14)), kind: 'bars', fmt: int, rotate: true, x: 'cProveedor',
        series: [{ label: t('cStock'), values: d.map(r => r.stock_total), color: COLORS.c }] }),
    },
    {
      id: 'weekly', title: 'weekly', dataset: 'weekly-sales',
      controls: [{ name: 'weeks', label: 'weeks', type: 'select', options: [8, 12, 26, 52], value: 8 }],
      path: c => '/api/weekly-sales' + q(c),
      rows: d => d,
      columns: [
        { key: 'semana', label: 'cSemana' }, { key: 'movimientos', label: 'cMovimientos', fmt: int, num: true },
        { key: 'unidades', label: 'cUnidades', fmt: int, num: true },
        { key: 'productos', label: 'cProductos', fmt: int, num: true }],
      chart: d => ({ labels: d.map(r => r.semana.slice(5)), kind: 'bars', fmt: int, x: 'cSemana',
        series: [{ label: t('salidas'), values: d.map(r => r.unidades), color: COLORS.b }] }),
    },
    {
      id: 'critical', title: 'critical', dataset: 'critical-stock',
      controls: [{ name: 'search', label: 'search', type: 'search', local: true }],
      path: () => '/api/critical-stock?limit=1000',
      exportPath: () => '/api/export/critical-stock.csv?limit=1000&dialect=excel-ar',
      rows: (d, c) => {
        const s = (c.search || '').trim().toLocaleLowerCase();
        return s ? d.filter(r => [r.codigo, r.nombre, r.categoria, r.proveedor]
          .some(v => v && String(v).toLocaleLowerCase().includes(s))) : d;
      },
      columns: [
        { key: 'codigo', label: 'cCodigo' }, { key: 'nombre', label: 'cNombre' },
        { key: 'categoria', label: 'cCategoria' }, { key: 'proveedor', label: 'cProveedor' },
        { key: 'stock_actual', label: 'cStockActual', fmt: int, num: true },
        { key: 'stock_minimo_ajustado', label: 'cMinimo', fmt: int, num: true },
        { key: 'deficit', label: 'cDeficit', fmt: int, num: true }],
    },
    {
      id: 'providers', title: 'providers', dataset: 'providers',
      controls: [
        { name: 'q', label: 'search', type: 'search' },
        { name: 'sort', label: 'sort', type: 'select', value: 'valor_stock', options: [['valor_stock', 'cValorStock'],
          ['stock_total', 'cStock'], ['total_productos', 'cTotalProductos'], ['nombre', 'cNombre'], ['movimientos_mes', 'cMovMes']] },
        { name: 'order', label: 'order', type: 'select', value: 'desc', options: [['desc', 'desc'], ['asc', 'asc']] }],
      path: c => '/api/providers' + q(c),
      exportPath: c => '/api/export/providers.csv' + q({ ...c, dialect: 'excel-ar' }),
      rows: d => d,
      columns: [
        { key: 'nombre', label: 'cNombre' }, { key: 'cuit', label: 'cCuit' },
        { key: 'total_productos', label: 'cTotalProductos', fmt: int, num: true },
        { key: 'productos_activos', label: 'cActivos', fmt: int, num: true },
        { key: 'stock_total', label: 'cStock', fmt: int, num: true },
        { key: 'valor_stock', label: 'cValorStock', fmt: money, num: true },
        { key: 'productos_criticos', label: 'cCriticos', fmt: int, num: true },
        { key: 'movimientos_semana', label: 'cMovSemana', fmt: int, num: true },
        { key: 'movimientos_mes', label: 'cMovMes', fmt: int, num: true }],
    },
  ];

  const views = new Map();

  function controlValues(p) {
    const v = {};
    for (const c of p.controls) {
      const input = $(`${p.id}-${c.name}`);
      if (!c.local) v[c.name] = input.value.trim();
    }
    return v;
  }

  function buildPanel(p) {
    const controls = el('div', { class: 'controls' });
    for (const c of p.controls) {
      const id = `${p.id}-${c.name}`;
      let input;
      if (c.type === 'select') {
        input = el('select', { id });
        for (const o of c.options) {
          const [value, key] = Array.isArray(o) ? o : [o, null];
          input.append(key ? el('option', { value, i18n: key }) : el('option', { value, text: String(value) }));
        }
        input.value = String(c.value);
      } else {
        input = el('input', { id, type: c.type, autocomplete: 'off', maxlength: c.type === 'date' ? null : '60' });
      }
      const reload = c.local ? () => render(p) : () => load(p).catch(handleFailure);
      input.addEventListener(c.type === 'text' || c.type === 'search' ? 'input' : 'change', debounce(reload, c.local ? 150 : 400));
      controls.append(el('label', { for: id }, el('span', { i18n: c.label }), input));
    }
    const toggle = p.chart ? el('button', { type: 'button', id: `${p.id}-toggle`, 'aria-pressed': 'false',
      'aria-controls': `${p.id}-table-wrap ${p.id}-chart`, i18n: 'showTable' }) : null;
    const csv = p.exportPath ? el('a', { class: 'csv', id: `${p.id}-csv`, href: '#', download: '', i18n: 'csv' })
      : el('button', { type: 'button', class: 'csv', id: `${p.id}-csv`, i18n: 'csv' });
    const head = el('div', { class: 'panel-head' }, el('h2', { id: `${p.id}-title`, i18n: p.title }),
      el('div', { class: 'panel-tools' }, toggle, csv));
    const error = el('p', { class: 'panel-error', id: `${p.id}-error`, role: 'alert' });
    const chart = p.chart ? el('div', { class: 'chart', id: `${p.id}-chart`, role: 'img' }) : null;
    const table = el('div', { class: 'table-wrap', id: `${p.id}-table-wrap`, hidden: !!p.chart, tabindex: '0',
      'aria-labelledby': `${p.id}-title` });
    const section = el('section', { class: 'panel', id: `panel-${p.id}`, 'aria-labelledby': `${p.id}-title` },
      head, controls, error, chart, table);
    if (toggle) {
      toggle.addEventListener('click', () => {
        const showTable = toggle.getAttribute('aria-pressed') !== 'true';
        toggle.setAttribute('aria-pressed', String(showTable));
        toggle.dataset.i18n = showTable ? 'showChart' : 'showTable';
        toggle.textContent = t(toggle.dataset.i18n);
        table.hidden = !showTable;
        chart.hidden = showTable;
        if (!showTable) render(p);
      });
    }
    if (!p.exportPath) {
      csv.addEventListener('click', () => {
        const v = views.get(p.id);
        if (v && v.data) csvDownload(p.dataset, p.columns, p.rows(v.data, localValues(p)));
      });
    }
    views.set(p.id, { section, chartEl: chart, tableEl: table, errorEl: error, plot: null, data: null });
    return section;
  }

  function localValues(p) {
    const v = {};
    for (const c of p.controls) if (c.local) v[c.name] = $(`${p.id}-${c.name}`).value;
    return v;
  }

  function debounce(fn, ms) {
    let h = null;
    return () => { clearTimeout(h); h = setTimeout(fn, ms); };
  }

  async function load(p) {
    const v = views.get(p.id);
    const c = controlValues(p);
    if (p.exportPath) $(`${p.id}-csv`).href = p.exportPath(c);
    try {
      const { data, changed } = await dataset(p.id, p.path(c));
      v.errorEl.textContent = '';
      if (changed || v.data === null) {
        v.data = data;
        render(p);
      }
    } catch (e) {
      if (e instanceof HttpError && e.status === 400) {
        v.errorEl.textContent = t('invalid', { p: e.body.parameter || '', m: e.body.message || '' });
        return;
      }
      throw e;
    }
  }

  function render(p) {
    const v = views.get(p.id);
    if (!v.data) return;
    const c = { ...controlValues(p), ...localValues(p) };
    const rows = p.rows(v.data, c);
    renderTable(p, v, rows, p.rows(v.data, {}).length);
    v.section.dataset.rows = String(rows.length);
    if (p.chart && !v.chartEl.hidden) renderChart(p, v, p.chart(v.data, c));
    stats.renders++;
  }

  function renderTable(p, v, rows, total) {
    const caption = el('caption', { text: rows.length === total ? t('rows', { n: rows.length })
      : t('rowsOf', { n: rows.length, t: total }) });
    const head = el('tr', null, ...p.columns.map(col => el('th', { scope: 'col', class: col.num ? 'num' : null, text: t(col.label) })));
    const body = el('tbody');
    for (const r of rows) {
      body.append(el('tr', null, ...p.columns.map(col => {
        const raw = r[col.key];
        const shown = raw === null || raw === undefined ? '' : col.fmt ? col.fmt(raw) : String(raw);
        return el('td', { class: col.num ? 'num' : null, text: shown });
      })));
    }
    const table = el('table', { id: `${p.id}-table` }, caption, el('thead', null, head), body);
    v.tableEl.replaceChildren(rows.length ? table : el('p', { class: 'empty', i18n: 'empty' }));
  }

  function renderChart(p, v, spec) {
    if (v.plot) { v.plot.destroy(); v.plot = null; }
    v.chartEl.replaceChildren();
    v.chartEl.setAttribute('aria-label', t('chartOf', { t: t(p.title) }));
    v.chartEl.dataset.points = String(spec.labels.length);
    if (!spec.labels.length) { v.chartEl.append(el('p', { class: 'empty', i18n: 'empty' })); return; }
    const xs = spec.labels.map((_, i) => i);
    const width = Math.max(280, v.chartEl.clientWidth || v.section.clientWidth - 32);
    const bars = spec.kind === 'bars' && window.uPlot.paths && window.uPlot.paths.bars ? window.uPlot.paths.bars({ size: [0.7, 64] }) : null;
    const opts = {
      width, height: 240,
      // amounts from zero: a bar or a line cut at its minimum exaggerates differences
      scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] },
        y: { range: (u, min, max) => [Math.min(0, min), max > 0 ? max * 1.08 : 1] } },
      axes: [
        { values: (u, splits) => splits.map(i => Number.isInteger(i) && spec.labels[i] !== undefined ? spec.labels[i] : ''),
          incrs: [1, 2, 5, 10, 20, 50], space: spec.rotate ? 18 : 44, rotate: spec.rotate ? -45 : 0,
          size: spec.rotate ? 80 : 40, gap: 4 },
        { values: (u, splits) => splits.map(s => compact(s, spec.fmt === money)), size: 64 },
      ],
      legend: { live: true },
      cursor: { drag: { x: false, y: false } },
      series: [{ label: t(spec.x), value: (u, i) => (i === null || spec.labels[i] === undefined ? '' : spec.labels[i]) },
        ...spec.series.map(s => ({
          label: s.label, stroke: s.color, width: 2, fill: bars ? s.color + 'cc' : s.color + '1a',
          paths: bars || undefined, points: { show: !bars }, value: (u, val) => (val === null ? '' : spec.fmt(val)),
        }))],
    };
    v.plot = new window.uPlot(opts, [xs, ...spec.series.map(s => s.values)], v.chartEl);
  }

  function compact(value, isMoney) {
    const abs = Math.abs(value);
    const f = (n, suffix) => NUM.format(Math.round(n * 10) / 10) + suffix;
    const s = abs >= 1e9 ? f(value / 1e9, ' mil M') : abs >= 1e6 ? f(value / 1e6, ' M') : abs >= 1e4 ? f(value / 1e3, ' k') : INT.format(value);
    return isMoney ? '$ ' + s : s;
  }

  // ------------------------------------------------------------------ KPI cards

  async function loadSummary() {
    const { data, changed } = await dataset('summary', '/api/summary');
    if (!changed && $('kpis').childElementCount) return;
    state.summary = data;
    renderSummary();
  }

  function renderSummary() {
    const s = state.summary;
    if (!s) return;
    const card = (id, label, value, sub, alert) => el('div', { class: 'kpi' + (alert ? ' alert' : '')
      + (id === 'valor' || id === 'top' ? ' wide' : ''), id: `kpi-${id}` },
      el('dt', { text: t(label) }), el('dd', { text: value }, sub ? el('span', { class: 'sub', text: sub }) : null));
    const top = s.proveedor_top;
    $('kpis').replaceChildren(el('dl', { class: 'kpi-grid', id: 'kpi-list' },
      card('valor', 'kValor', money(s.valor_inventario)),
      card('productos', 'kProductos', int(s.productos_activos), t('kProductosSub', { n: int(s.total_productos) })),
      card('critico', 'kCritico', int(s.productos_stock_critico), null, s.productos_stock_critico > 0),
      card('sinstock', 'kSinStock', int(s.productos_sin_stock), null, s.productos_sin_stock > 0),
      card('movs', 'kMovs', int(s.movimientos_semana),
        t('kMovsSub', { e: int(s.unidades_entrada_semana), s: int(s.unidades_salida_semana) })),
      card('proveedores', 'kProveedores', int(s.total_proveedores)),
      top ? card('top', 'kTop', top.nombre || top.cuit || '', money(top.valor_stock)) : null));
  }

  // ------------------------------------------------------------------ cycle, banner, states

  async function refresh() {
    clearTimeout(state.timer);
    state.cycle = { stale: false, source: null, asOf: null };
    try {
      await Promise.all([loadSummary(), ...PANELS.map(load)]);
      state.meta = state.cycle;
      showBanner();
      show('dashboard');
      if (!state.firstRenderDone) {
        state.firstRenderDone = true;
        stats.firstRenderMs = Math.round(performance.now());
        document.body.dataset.ready = 'true';
      }
      stats.cycles = (stats.cycles || 0) + 1;
      document.body.dataset.cycles = String(stats.cycles);
      state.timer = setTimeout(refresh, state.refreshSeconds * 1000);
    } catch (e) {
      handleFailure(e);
    }
  }

  function handleFailure(e) {
    clearTimeout(state.timer);
    if (e instanceof HttpError && e.status === 401) {
      signedOut(state.starting ? '' : t('sessionEnded'));
    } else if (e instanceof HttpError && e.status === 503 && e.body.error === 'no_data_yet') {
      $('nodata-text').textContent = t('noDataText', { s: e.retryAfter });
      show('nodata');
      state.timer = setTimeout(state.signedIn ? refresh : start, e.retryAfter * 1000);
    } else if (e instanceof HttpError && e.status === 429) {
      banner([t('tooMany', { s: e.retryAfter })], false);
      state.timer = setTimeout(refresh, e.retryAfter * 1000);
    } else {
      banner([t('failed', { m: e.message })], false);
      state.timer = setTimeout(refresh, state.refreshSeconds * 1000);
    }
  }

  function showBanner() {
    const m = state.meta;
    const lines = [];
    if (m.source === 'simulator') lines.push(t('simulated'));
    if (m.stale && m.asOf) lines.push(t('stale', { age: age(m.asOf), at: fmtDateTime(m.asOf) }));
    else if (m.stale) lines.push(t('stale', { age: '?', at: '?' }));
    banner(lines, !m.stale);
    $('banner').dataset.stale = String(!!m.stale);
    $('banner').dataset.source = m.source || '';
    $('updated').textContent = m.asOf ? t('asOf', { at: fmtDateTime(m.asOf), age: age(m.asOf),
      src: t(m.source === 'simulator' ? 'srcSimulator' : 'srcDeposito'), tz: state.tz }) : '';
  }

  function banner(lines, info) {
    const b = $('banner');
    b.replaceChildren(...lines.map(l => el('p', { text: l })));
    b.classList.toggle('info', !!info);
    b.hidden = lines.length === 0;
  }

  function show(which) {
    for (const id of ['signin', 'nodata', 'dashboard']) $(id).hidden = id !== which;
    $('signout').hidden = !(state.signedIn && state.authEnabled);
    $('refresh').hidden = which === 'signin';
  }

  function signedOut(message) {
    clearTimeout(state.timer);
    state.signedIn = false;
    state.slots.clear();
    for (const v of views.values()) { v.data = null; if (v.plot) { v.plot.destroy(); v.plot = null; } }
    state.summary = null;
    $('kpis').replaceChildren();
    $('signin-error').textContent = message || '';
    banner([], true);
    show('signin');
    $('apikey').focus();
  }

  function applySession(s) {
    state.signedIn = true;
    state.authEnabled = s.auth_enabled !== false;
    if (s.timezone) state.tz = s.timezone;
    if (s.refresh_seconds) state.refreshSeconds = s.refresh_seconds;
    $('signout').hidden = !state.authEnabled;
  }

  /**
   * The session check and the datasets go out together (one round trip less before the first render): without a
   * session both answer 401 and the sign-in form shows.
   */
  async function start() {
    state.starting = true;
    const check = request('GET', '/api/session', { Accept: 'application/json' });
    const loading = refresh();
    try {
      const r = await check;
      if (r.ok) applySession(await r.json());
    } catch (e) {
      // the datasets' own answers say what is wrong
    }
    await loading;
    state.starting = false;
  }

  async function signIn(ev) {
    ev.preventDefault();
    const input = $('apikey');
    const key = input.value.trim();
    // the key lives only in this request: never kept in a variable, the page or any storage afterwards
    input.value = '';
    if (!key) { $('signin-error').textContent = t('missingKey'); return; }
    $('signin-error').textContent = '';
    const r = await request('POST', '/api/session', { 'Content-Type': 'application/json', 'X-API-Key': key,
      Accept: 'application/json' }, '{}');
    if (!r.ok) {
      const e = await errorOf(r);
      $('signin-error').textContent = e.status === 429 ? t('tooMany', { s: e.retryAfter }) : t('wrongKey', { m: e.message });
      input.focus();
      return;
    }
    applySession(await r.json());
    state.firstRenderDone = false;
    await refresh();
    $('main').focus();
  }

  async function signOut() {
    clearTimeout(state.timer);
    try { await request('DELETE', '/api/session', { Accept: 'application/json' }); } catch (e) { /* signed out here anyway */ }
    signedOut('');
  }

  function applyLanguage(lang) {
    state.lang = MESSAGES[lang] ? lang : 'es';
    document.documentElement.lang = state.lang;
    document.title = t('title');
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    $('lang').value = state.lang;
    renderSummary();
    for (const p of PANELS) render(p);
    if (state.meta.source !== null || state.meta.stale) showBanner();
  }

  function init() {
    const panels = $('panels');
    for (const p of PANELS) panels.append(buildPanel(p));
    $('signin-form').addEventListener('submit', signIn);
    $('signout').addEventListener('click', signOut);
    $('refresh').addEventListener('click', () => { if (state.signedIn) refresh(); });
    $('lang').addEventListener('change', () => {
      try { localStorage.setItem('dashboard.lang', $('lang').value); } catch (e) { /* private mode: not kept */ }
      applyLanguage($('lang').value);
    });
    let saved = null;
    try { saved = localStorage.getItem('dashboard.lang'); } catch (e) { saved = null; }
    applyLanguage(saved || 'es');
    // charts follow the width of their panel (phone turned, window resized)
    if ('ResizeObserver' in window) {
      const ro = new ResizeObserver(debounce(() => {
        for (const v of views.values()) if (v.plot && !v.chartEl.hidden) {
          v.plot.setSize({ width: Math.max(280, v.chartEl.clientWidth), height: 240 });
        }
      }, 150));
      ro.observe($('panels'));
    }
    start();
  }

  init();
})();
