/*
 * awol dashboard (served by `awol serve`) and report (inlined by `awol report`).
 * The page displays the API's numbers and computes none of its own: every count,
 * total and change is a field of an /api answer, i.e. what the CLI prints for the
 * same options.  In a report, window.AWOL_REPORT holds those answers, keyed as below.
 */
(function () {
  'use strict';
  var REPORT = window.AWOL_REPORT || null;
  var T = {
    en: {
      overview: 'Overview', courts: 'Courts and regions', outcomes: 'Outcomes', claims: 'Claims',
      article: 'Articles', part: 'Part', from: 'From', to: 'To', by: 'Period', unit: 'Unit',
      date: 'Date axis', since: 'Cumulative since', year: 'Year', apply: 'Apply',
      month: 'month', week: 'week', quarter: 'quarter', half: 'half-year',
      cases: 'cases', defendants: 'defendants', charges: 'charges', received: 'received',
      decided: 'decided',
      simulated: 'SIMULATED DATA (awol-sim), not court records: the numbers show the mechanics only',
      byArticle: 'Cases received per period, by article',
      byArticleNote: 'A case with defendants under several articles counts under each; the line is the distinct cases of the period. Published figures of the same unit and period are markers. Hatched columns: period partly collected; a period not collected has no bar (never a zero).',
      total: 'all cases (distinct)', published: 'published figure', period: 'period',
      group: 'group', count: 'count', vsPrev: 'vs previous', vsYear: 'vs year ago',
      growth: 'Cases received and their change', growthNote: 'Change against the previous period and the same period a year earlier, as `awol stats` prints it; partial periods in italics.',
      cumulative: 'Cumulative count since', cumulativeNote: 'Each point is the total of `awol stats --from SINCE --to END-OF-PERIOD`; a hollow point is a lower bound (days not collected or coverage incomplete). Published figures counted from the same day are markers.',
      compare: 'Published figures beside our counts', figure: 'figure', source: 'source',
      ours: 'ours', difference: 'difference', metric: 'what it counts',
      coverage: 'Coverage', courtsRank: 'Courts ranked by cases received', regionsRank: 'Regions ranked by cases received',
      map: 'Regions of Russia (one square a region)', mapNote: 'Hatched: nothing collected there (no military court sits there, or its court was not crawled); 0: collected, no case.',
      rankNote: 'Grey bars: courts whose collection is not complete (their counts are lower bounds); the status is named.',
      court: 'court', region: 'region', name: 'name', cases_: 'Cases', series: 'Cases received per month',
      outcomeTitle: 'Outcomes of the cases received', outcome: 'outcome', noData: 'No data for this selection.',
      sentences: 'Sentences read from the verdict texts, by year decided', sentence: 'sentence', share: 'share', base: 'base', of: 'of',
      sentencesNote: 'Shares of the convicted defendants whose punishment the verdict text states (the base n under each year), out of the published verdicts read: most verdicts are not published. Only the current reading of each case counts; From/To select the day decided here (docs/verdicts.md).',
      baseLine: '{n} convicted, punishment read — of {t} decided cases with a published text read, of {d} decided',
      terms: 'Terms in months, by sentence', termsNote: 'Box: lower to upper quartile; mark: median; whiskers: minimum and maximum (nearest rank). Terms of convicted defendants read from the verdict texts, by the day decided; unread: convicted with no term read.',
      noTexts: 'No verdict texts read for this selection (crawl with --acts to read them).',
      terms_: 'terms', unread: 'unread', min: 'min', q1: 'q1', median: 'median', q3: 'q3', max: 'max',
      check: 'Check a claims file', checkNote: 'Paste or upload a claims file (docs/claims.md); it is checked in memory and nothing is stored.',
      run: 'Check', verdict: 'verdict', claimed: 'claimed', found: 'found', why: 'why',
      method: 'Method and sources', generated: 'Report generated', collected: 'Data collected',
      figures: 'Published figures', card: 'card on the court\'s site', number: 'number', received_: 'received', decided_: 'decided',
      result: 'result', charges_: 'charges', more: 'more', notCovered: 'not collected',
      compareNote: 'Each figure against our count of its own courts (its geography) and period. Where our coverage of those courts is incomplete our count is a lower bound (≥): no difference is shown.',
      geography: 'geography', note: 'what our count rests on', notKnown: 'not known', lowerBound: 'lower bound',
      national: 'national', otherGeo: 'other (not court cases by place)', caveat: 'caveat',
      lowerBoundNote: 'Some of our counts are lower bounds (coverage incomplete): a lower bound never contradicts a claim on its own.',
      notSearched: 'articles not searched (found only as co-charges; their counts are lower bounds)',
      partialMark: 'partial', coCharge: 'co-charges only, a lower bound', csv: 'CSV', png: 'PNG', error: 'Error', all: 'all',
      openDashboard: 'Numbers as printed by awol stats; tables below each chart.'
    },
    ru: {
      overview: 'Обзор', courts: 'Суды и регионы', outcomes: 'Исходы', claims: 'Утверждения',
      article: 'Статьи', part: 'Часть', from: 'С', to: 'По', by: 'Период', unit: 'Единица',
      date: 'Дата', since: 'Накопительно с', year: 'Год', apply: 'Применить',
      month: 'месяц', week: 'неделя', quarter: 'квартал', half: 'полугодие',
      cases: 'дела', defendants: 'подсудимые', charges: 'обвинения', received: 'поступления',
      decided: 'решения',
      simulated: 'СИМУЛИРОВАННЫЕ ДАННЫЕ (awol-sim), не судебные записи: цифры показывают только механику',
      byArticle: 'Поступившие дела по периодам и статьям',
      byArticleNote: 'Дело с подсудимыми по нескольким статьям учитывается по каждой; линия — число разных дел за период. Опубликованные цифры той же единицы и периода — маркеры. Штриховка: период собран частично; у несобранного периода нет столбца (никогда не ноль).',
      total: 'все дела (без повторов)', published: 'опубликованная цифра', period: 'период',
      group: 'группа', count: 'число', vsPrev: 'к пред. периоду', vsYear: 'к прошлому году',
      growth: 'Поступившие дела и их изменение', growthNote: 'Изменение к предыдущему периоду и к тому же периоду год назад, как печатает `awol stats`; неполные периоды курсивом.',
      cumulative: 'Накопительно с', cumulativeNote: 'Каждая точка — итог `awol stats --from НАЧАЛО --to КОНЕЦ-ПЕРИОДА`; полая точка — нижняя граница (дни не собраны или охват неполон). Опубликованные цифры с того же дня — маркеры.',
      compare: 'Опубликованные цифры рядом с нашими', figure: 'цифра', source: 'источник',
      ours: 'наша', difference: 'разница', metric: 'что считает',
      coverage: 'Полнота сбора', courtsRank: 'Суды по числу поступивших дел', regionsRank: 'Регионы по числу поступивших дел',
      map: 'Регионы России (квадрат — регион)', mapNote: 'Штриховка: там ничего не собрано (военного суда нет или его не обходили); 0 — собрано, дел нет.',
      rankNote: 'Серые столбцы: суды, сбор по которым не полон (их числа — нижняя оценка); статус указан.',
      court: 'суд', region: 'регион', name: 'название', cases_: 'Дела', series: 'Поступившие дела по месяцам',
      outcomeTitle: 'Исходы поступивших дел', outcome: 'исход', noData: 'Нет данных для этой выборки.',
      sentences: 'Наказания по текстам приговоров, по году решения', sentence: 'наказание', share: 'доля', base: 'база', of: 'из',
      sentencesNote: 'Доли среди осуждённых, чьё наказание указано в тексте приговора (база n под каждым годом), из прочитанных опубликованных приговоров: большинство приговоров не публикуется. Учитывается только текущее прочтение каждого дела; «С»/«По» здесь — дата решения (docs/verdicts.md).',
      baseLine: '{n} осуждённых с прочитанным наказанием — из {t} решённых дел с опубликованным текстом, из {d} решённых',
      terms: 'Сроки в месяцах, по видам наказания', termsNote: 'Прямоугольник: от нижнего до верхнего квартиля; черта: медиана; усы: минимум и максимум (ближайший ранг). Сроки осуждённых по текстам приговоров, по дате решения; unread — осуждённые, срок которых не прочитан.',
      noTexts: 'Для этой выборки тексты приговоров не прочитаны (crawl --acts их читает).',
      terms_: 'сроков', unread: 'не прочитано', min: 'мин', q1: 'q1', median: 'медиана', q3: 'q3', max: 'макс',
      check: 'Проверить файл утверждений', checkNote: 'Вставьте или загрузите файл утверждений (docs/claims.md); он проверяется в памяти, ничего не сохраняется.',
      run: 'Проверить', verdict: 'вердикт', claimed: 'заявлено', found: 'найдено', why: 'почему',
      method: 'Методика и источники', generated: 'Отчёт создан', collected: 'Данные собраны',
      figures: 'Опубликованные цифры', card: 'карточка на сайте суда', number: 'номер', received_: 'поступило', decided_: 'решено',
      result: 'результат', charges_: 'обвинения', more: 'ещё', notCovered: 'не собрано',
      compareNote: 'Каждая цифра рядом с нашим подсчётом по её же судам (география) и периоду. Где наш сбор по этим судам неполон, наш подсчёт — нижняя оценка (≥): разница не показывается.',
      geography: 'география', note: 'на чём основан наш подсчёт', notKnown: 'неизвестно', lowerBound: 'нижняя оценка',
      national: 'вся страна', otherGeo: 'другое (не дела судов по месту)', caveat: 'оговорка',
      lowerBoundNote: 'Часть наших подсчётов — нижние оценки (сбор неполон): нижняя оценка сама по себе не опровергает утверждение.',
      notSearched: 'статьи, по которым не искали (найдены только как сопутствующие; их подсчёты — нижние оценки)',
      partialMark: 'неполный', coCharge: 'только сопутствующие, нижняя оценка', csv: 'CSV', png: 'PNG', error: 'Ошибка', all: 'все',
      openDashboard: 'Цифры — как их печатает awol stats; под каждым графиком — таблица.'
    }
  };
  var METHOD = {
    en: [
      ['What is counted', 'Cases received by the military courts (first instance) whose defendants are charged under the selected articles of the Criminal Code (337 AWOL, 338 desertion, 332, 334, 339), as published on each court\'s own site (sudrf.ru, the «sud_delo» module). A case counts once per period and group, however many defendants and charges; a defendant once per case; a charge is one article of one defendant.'],
      ['Periods', 'Weeks are ISO weeks, quarters and halves calendar ones. A change is against the previous period and the same period a year earlier, for the same group. A period not fully collected is a lower bound.'],
      ['Coverage', 'Each court × article × date window is recorded as complete, partial, pending or dead; counts over windows that are not complete are lower bounds. Regions are the courts\' seats from the registry (data/military-courts.csv).'],
      ['Sources', 'The cards of the courts\' sites (each case links to its card); the published figures are those of data/published-figures.csv with their sources below. Tool: awol (https://github.com/) — every number here is printed by `awol stats` for the same selection.']
    ],
    ru: [
      ['Что считается', 'Дела, поступившие в военные суды (первая инстанция), с подсудимыми по выбранным статьям УК РФ (337 — самовольное оставление части, 338 — дезертирство, 332, 334, 339), как они опубликованы на сайте каждого суда (sudrf.ru, модуль «sud_delo»). Дело учитывается один раз за период и группу, сколько бы ни было подсудимых и обвинений; подсудимый — один раз в деле; обвинение — одна статья одного подсудимого.'],
      ['Периоды', 'Недели — ISO, кварталы и полугодия — календарные. Изменение — к предыдущему периоду и к тому же периоду год назад, в той же группе. Не полностью собранный период — нижняя оценка.'],
      ['Полнота', 'Каждое окно суд × статья × даты записано как полное, частичное, ожидающее или недоступное; счёт по неполным окнам — нижняя оценка. Регион — место нахождения суда по реестру (data/military-courts.csv).'],
      ['Источники', 'Карточки дел на сайтах судов (каждое дело ссылается на свою карточку); опубликованные цифры — из data/published-figures.csv, их источники ниже. Инструмент: awol — каждая цифра здесь печатается `awol stats` для той же выборки.']
    ]
  };
  var OUTCOMES = {
    ru: { convicted: 'приговор', pending: 'не рассмотрено', transferred: 'передано', 'returned-to-prosecutor': 'возвращено прокурору',
      'terminated:judicial-fine': 'прекращено: судебный штраф', 'terminated:reconciliation': 'прекращено: примирение',
      'terminated:amnesty': 'прекращено: амнистия', 'terminated:death': 'прекращено: смерть', 'terminated:other': 'прекращено: иное' },
    en: {}
  };
  /* one colour an article on every chart; other charges grey */
  var ARTICLE_COLORS = { '337': '#3b6fb6', '338': '#d9822b', '332': '#2f9e6e', '334': '#8e5bb5', '339': '#c23b3b' };
  var COLORS = ['#3b6fb6', '#d9822b', '#2f9e6e', '#8e5bb5', '#c23b3b', '#6c7a89', '#b5a33b', '#3bb5b0'];
  var VIEWS = ['overview', 'courts', 'outcomes', 'claims'];
  var DEFAULTS = { article: '337,338', by: 'month', unit: 'cases', date: 'received' };

  var params = new URLSearchParams(location.search);
  var lang = REPORT ? REPORT.report.lang : pickLang();
  var state = {};
  var meta = null;
  var charts = [];
  var pending = 0;

  function pickLang() {
    var l = params.get('lang');
    if (l === 'ru' || l === 'en') return l;
    var nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'ru';
    return nav.slice(0, 2).toLowerCase() === 'ru' ? 'ru' : 'en';
  }
  function t(k) { return (T[lang] && T[lang][k]) || T.en[k] || k; }
  function outcomeName(o) { return (OUTCOMES[lang] && OUTCOMES[lang][o]) || o; }

  /* ---- the API (or the report's copy of its answers) ---- */
  function apiKey(path, p) {
    var keys = Object.keys(p).filter(function (k) { return p[k] !== undefined && p[k] !== null && p[k] !== ''; }).sort();
    return path + (keys.length ? '?' + keys.map(function (k) { return k + '=' + p[k]; }).join('&') : '');
  }
  function api(path, p) {
    p = p || {};
    if (REPORT) {
      var a = REPORT.answers[apiKey(path, p)];
      return a === undefined ? Promise.reject(new Error('not in this report: ' + apiKey(path, p))) : Promise.resolve(a);
    }
    var qs = new URLSearchParams();
    Object.keys(p).sort().forEach(function (k) { if (p[k] !== undefined && p[k] !== null && p[k] !== '') qs.set(k, p[k]); });
    var url = path + (qs.toString() ? '?' + qs.toString() : '');
    return fetch(url).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error((j.parameter ? j.parameter + ': ' : '') + (j.error || r.status));
        return j;
      });
    });
  }

  /* ---- small DOM helpers ---- */
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function num(n) { return n === null || n === undefined ? '' : Number(n).toLocaleString(lang === 'ru' ? 'ru-RU' : 'en-US'); }
  /* the change columns of `awol stats` (its table prints them the same way) */
  function delta(now, then, pct) {
    if (now === null || now === undefined || then === null || then === undefined) return ['', ''];
    /* /api/stats gives the change itself where it can (previous_change_pct, ...) */
    if (pct !== undefined) return [(now - then >= 0 ? '+' : '') + (now - then), pct === null ? '' : (pct >= 0 ? '+' : '') + pct.toFixed(0) + '%'];
    var d = now - then;
    return [(d >= 0 ? '+' : '') + d, then > 0 ? (d >= 0 ? '+' : '') + (100 * d / then).toFixed(0) + '%' : ''];
  }
  function selection() {
    return { article: state.article, part: state.part, from: state.from, to: state.to, unit: state.unit, date: state.date };
  }

  /* ---- downloads: every chart as PNG, its data as CSV; simulated data says so ---- */
  function download(name, blob) {
    var a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function csvOf(cols, rows, source) {
    var q = function (v) { v = v === null || v === undefined ? '' : String(v); return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; };
    var head = [];
    if (meta && meta.simulated) head.push('# SIMULATED DATA (awol-sim), not court records');
    head.push('# ' + source);
    return head.concat([cols.map(q).join(',')], rows.map(function (r) { return r.map(q).join(','); })).join('\r\n') + '\r\n';
  }
  function pngOf(canvas, title) {
    var sim = meta && meta.simulated, top = sim ? 56 : 32;
    var c = document.createElement('canvas');
    c.width = canvas.width; c.height = canvas.height + top;
    var g = c.getContext('2d');
    g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#1d2330'; g.font = '16px sans-serif'; g.fillText(title, 8, 22);
    if (sim) { g.fillStyle = '#b3261e'; g.font = 'bold 15px sans-serif'; g.fillText(t('simulated'), 8, 46); }
    g.drawImage(canvas, 0, top);
    return c;
  }

  /* A card: title, note, chart canvas (optional), table, download buttons. */
  function card(id, title, note, table, chartCfg, tall) {
    var box = el('section', { cls: 'card', id: id });
    var tools = el('span', { cls: 'tools noprint' });
    box.appendChild(tools);
    box.appendChild(el('h2', { text: title }));
    if (note) box.appendChild(el('p', { cls: 'note', text: note }));
    var canvas = null;
    if (chartCfg) {
      var holder = el('div', { cls: 'chart' + (tall ? ' tall' : '') });
      canvas = el('canvas', { 'data-chart': id, role: 'img', 'aria-label': title });
      holder.appendChild(canvas);
      box.appendChild(holder);
      chartCfg.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, chartCfg.options || {});
      charts.push(new window.Chart(canvas.getContext('2d'), chartCfg));
      tools.appendChild(el('button', { type: 'button', 'data-png': id, text: t('png'), onclick: function () {
        pngOf(canvas, title).toBlob(function (b) { download('awol-' + id + '.png', b); });
      } }));
    }
    if (table) {
      tools.appendChild(el('button', { type: 'button', 'data-csv': id, text: t('csv'), onclick: function () {
        download('awol-' + id + '.csv', new Blob([csvOf(table.cols, table.rows, table.source)], { type: 'text/csv' }));
      } }));
      var tb = el('table', { 'data-table': id, 'data-source': table.source });
      tb.appendChild(el('tr', {}, table.cols.map(function (c, i) { return el('th', { cls: table.num && table.num[i] ? 'n' : '', text: c }); })));
      table.rows.forEach(function (r, k) {
        var tr = el('tr', { cls: (table.rowCls && table.rowCls[k]) || '' }, r.map(function (v, i) {
          var td = el('td', { cls: table.num && table.num[i] ? 'n' : '' });
          if (table.links && table.links[i] && v && table.links[i](k)) td.appendChild(el('a', { href: table.links[i](k), rel: 'noopener noreferrer', target: '_blank', text: String(v) }));
          else td.textContent = table.num && table.num[i] && typeof v === 'number' ? num(v) : (v === null || v === undefined ? '' : String(v));
          return td;
        }));
        if (table.onRow) { tr.classList.add('click'); tr.addEventListener('click', function () { table.onRow(k); }); }
        tb.appendChild(tr);
      });
      var wrap = REPORT ? el('div', {}, [tb]) : el('details', chartCfg ? {} : { open: '' }, [el('summary', { text: table.rows.length + ' × ' + table.cols.length }), tb]);
      box.appendChild(wrap);
    }
    return box;
  }

  /* Hatch the columns of periods partly collected (a row flag of /api/stats, when present). */
  var hatch = {
    id: 'awolHatch',
    afterDatasetsDraw: function (chart, args, opts) {
      var marks = opts.marks || {}, x = chart.scales.x, area = chart.chartArea, g = chart.ctx;
      chart.data.labels.forEach(function (lab, i) {
        if (!marks[lab]) return;
        var w = x.width / chart.data.labels.length, cx = x.getPixelForValue(i);
        g.save();
        g.strokeStyle = marks[lab] === 'nc' ? '#9aa3b5' : 'rgba(0,0,0,.35)';
        g.beginPath();
        for (var s = -area.bottom; s < w + area.bottom; s += 7) {
          g.moveTo(cx - w / 2 + s, area.top); g.lineTo(cx - w / 2 + s - (area.bottom - area.top), area.bottom);
        }
        g.rect(cx - w / 2, area.top, w, area.bottom - area.top);
        g.clip(); g.stroke(); g.restore();
        g.save(); g.fillStyle = '#5b6478'; g.font = '10px sans-serif'; g.textAlign = 'center';
        g.fillText(marks[lab] === 'nc' ? t('notCovered') : t('partialMark'), cx, area.top + 10); g.restore();
      });
    }
  };

  function rowMark(r) {
    if (r.collected === false || r.count === null) return 'nc';
    if (r.partial === true) return 'partial';
    return '';
  }

  /* ---- pages ---- */
  function coverageCard(stats) {
    var p = el('p', { cls: 'coverage' + (stats.coverage_complete ? '' : ' bad'), text: stats.coverage });
    return el('section', { cls: 'card', id: 'coverage-line' }, [el('h2', { text: t('coverage') }), p]);
  }

  function overview(main) {
    var sel = selection();
    var byArt = Object.assign({}, sel, { by: state.by, group: 'article' });
    var totals = Object.assign({}, sel, { by: state.by });
    var cmp = { article: state.article, from: state.from, to: state.to };
    return Promise.all([api('/api/stats', byArt), api('/api/stats', totals), api('/api/compare', cmp)]).then(function (a) {
      var s = a[0], tot = a[1], figs = a[2];
      main.appendChild(coverageCard(tot));
      var labels = [], groups = [], marks = {};
      s.rows.forEach(function (r) {
        if (labels.indexOf(r.period) < 0) labels.push(r.period);
        if (r.group !== '(total)' && groups.indexOf(r.group) < 0) groups.push(r.group);
        if (rowMark(r)) marks[r.period] = rowMark(r);
      });
      var value = function (g, p) {
        var r = s.rows.filter(function (x) { return x.group === g && x.period === p; })[0];
        return r && r.collected !== false && r.count !== null ? r.count : null;
      };
      /* an article no crawl searched is counted only as a co-charge (/api/stats: searched) */
      var notSearched = function (g) { return s.rows.some(function (x) { return x.group === g && x.searched === false; }); };
      var ds = groups.sort().map(function (g, i) {
        return { type: 'bar', label: (lang === 'ru' ? 'ст. ' : 'art. ') + g + (notSearched(g) ? ' (' + t('coCharge') + ')' : ''), data: labels.map(function (p) { return value(g, p); }), backgroundColor: ARTICLE_COLORS[g] || ['#9aa3b5', '#b9c0cc', '#7d8799'][i % 3], stack: 'a' };
      });
      ds.push({ type: 'line', label: t('total'), data: labels.map(function (p) { return value('(total)', p); }), borderColor: '#1d2330', backgroundColor: '#1d2330', pointRadius: 2, spanGaps: false });
      /* a published figure is a marker only where its period is exactly one column */
      var pub = labels.map(function (p) {
        var f = figs.filter(function (x) { return samePeriod(figPeriod(x), p, state.by); })[0];
        return f ? f.published : null;
      });
      if (pub.some(function (v) { return v !== null; }))
        ds.push({ type: 'line', label: t('published'), data: pub, showLine: false, pointStyle: 'rectRot', pointRadius: 7, borderColor: '#b3261e', backgroundColor: '#b3261e' });
      /* the table: one row a period, one column a group, as the rows of /api/stats hold them */
      var cols = groups.concat(['(total)']);
      var rows = labels.map(function (p) {
        return [p].concat(cols.map(function (g) {
          var r = s.rows.filter(function (x) { return x.group === g && x.period === p; })[0];
          return r ? r.count : null;
        }));
      });
      main.appendChild(s.rows.length ? card('by-article', t('byArticle'), t('byArticleNote'), {
        cols: [t('period')].concat(cols.map(function (g) { return g === '(total)' ? t('total') : g; })),
        num: [0].concat(cols.map(function () { return 1; })), rows: rows,
        rowCls: labels.map(function (p) { return marks[p] ? 'partial' : ''; }),
        source: 'awol stats ' + cliArgs(byArt)
      }, { type: 'bar', data: { labels: labels, datasets: ds }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } }, plugins: { awolHatch: { marks: marks } } }, plugins: [hatch] }) : el('p', { cls: 'note', text: t('noData') }));
      var grow = tot.rows.map(function (r) {
        var a1 = delta(r.count, r.previous, r.previous_change_pct), a2 = delta(r.count, r.year_ago, r.year_ago_change_pct);
        return [r.period, r.count === null ? t('notCovered') : r.count, a1[0], a1[1], a2[0], a2[1]];
      });
      main.appendChild(card('growth', t('growth'), t('growthNote') + ' ' + t('total') + ': ' + (tot.total === null ? t('notCovered') : num(tot.total)), {
        cols: [t('period'), t('count'), t('vsPrev'), '%', t('vsYear'), '%'], num: [0, 1, 1, 1, 1, 1], rows: grow,
        rowCls: tot.rows.map(function (r) { return rowMark(r) ? 'partial' : ''; }), source: 'awol stats ' + cliArgs(totals)
      }));
      main.appendChild(compareCard(figs, cmp));
      if (state.since && (state.by === 'month' || state.by === 'quarter' || state.by === 'year')) return cumulative(main, labels);
    });
  }

  /* a compared figure's days: "2023-01-01..2023-06-30" */
  function figPeriod(f) { return f.period || (f.period_start + '..' + f.period_end); }

  function samePeriod(range, p, by) {
    var m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(range);
    if (!m) return false;
    var end = periodEnd(p, by), start = periodStart(p, by);
    return start && m[1] === start && m[2] === end;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function lastDay(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function periodStart(p, by) {
    if (by === 'month') return p + '-01';
    if (by === 'year') return p + '-01-01';
    if (by === 'quarter') return p.slice(0, 4) + '-' + pad(3 * (+p.slice(6) - 1) + 1) + '-01';
    return null;
  }
  function periodEnd(p, by) {
    var y = +p.slice(0, 4), m;
    if (by === 'month') { m = +p.slice(5, 7); return p + '-' + pad(lastDay(y, m)); }
    if (by === 'year') return p + '-12-31';
    if (by === 'quarter') { m = 3 * +p.slice(6); return y + '-' + pad(m) + '-' + pad(lastDay(y, m)); }
    return null;
  }

  /* each point is one `awol stats --from SINCE --to END` total: nothing added up here.
   * Figures published for the same start ("since mobilisation") are markers at their end. */
  function cumulative(main, labels) {
    var ends = labels.map(function (p) { return periodEnd(p, state.by); }).filter(function (e) { return e >= state.since; });
    return api('/api/compare', { article: state.article, from: state.since, to: state.to }).then(function (figs) {
      var pub = {};
      figs.forEach(function (f) {
        var m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(figPeriod(f));
        if (m && m[1] === state.since && !pub[m[2]]) pub[m[2]] = f;
      });
      Object.keys(pub).forEach(function (e) { if (ends.indexOf(e) < 0) ends.push(e); });
      ends.sort();
      return Promise.all(ends.map(function (e) {
        /* the report's selection has no part, unit or date axis (report.c asks these) */
        return api('/api/stats', { article: state.article, part: state.part, unit: state.unit, date: state.date, by: 'year', from: state.since, to: e });
      })).then(function (res) {
        /* a total whose coverage is incomplete (/api/stats lower_bound) or that takes in
         * periods not collected (a row collected: false) is a lower bound: said so in the
         * table, a hollow grey point on the chart */
        var low = res.map(function (r) { return r.lower_bound === true || r.rows.some(function (x) { return x.collected === false; }); });
        var rows = ends.map(function (e, i) {
          var n = res[i].total === null ? t('notCovered') : low[i] ? '≥ ' + num(res[i].total) + ' (' + t('lowerBound') + ')' : res[i].total;
          return [e, n, pub[e] ? pub[e].published : null, pub[e] ? pub[e].figure + ' ' + pub[e].source : ''];
        });
        var ds = [{ label: t('cumulative') + ' ' + state.since, data: res.map(function (r) { return r.total; }), borderColor: '#3b6fb6', backgroundColor: '#3b6fb6', spanGaps: true,
          pointBackgroundColor: low.map(function (l) { return l ? '#fff' : '#3b6fb6'; }), pointBorderColor: low.map(function (l) { return l ? '#aab3c5' : '#3b6fb6'; }), pointRadius: low.map(function (l) { return l ? 4 : 3; }) }];
        if (Object.keys(pub).length)
          ds.push({ label: t('published'), data: rows.map(function (r) { return r[2]; }), showLine: false, pointStyle: 'rectRot', pointRadius: 7, borderColor: '#b3261e', backgroundColor: '#b3261e' });
        main.appendChild(card('cumulative', t('cumulative') + ' ' + state.since, t('cumulativeNote'), {
          cols: [t('to'), t('count'), t('published'), t('source')], num: [0, 1, 1, 0], rows: rows,
          rowCls: low.map(function (l) { return l ? 'lower' : ''; }),
          source: 'awol stats --from ' + state.since + ' --to END (total); awol stats --compare'
        }, { type: 'line', data: { labels: ends, datasets: ds }, options: { scales: { y: { beginAtZero: true } } } }));
      });
    });
  }

  /* /api/compare = the "compare" of `awol stats --compare`: each figure against our count of
   * its own courts (geography); a lower bound is shown as one ("≥ N") and never differenced */
  function compareCard(figs, cmp) {
    return card('compare', t('compare'), t('compareNote'), {
      cols: [t('figure'), t('source'), t('article'), t('period'), t('geography'), t('published'), t('ours'), t('difference'), t('metric'), t('note')],
      num: [0, 0, 0, 0, 0, 1, 1, 1, 0, 0],
      rows: figs.map(function (f) {
        var ours = f.ours === null ? (f.collected === false ? t('notCovered') : t('notKnown')) : f.lower_bound ? '≥ ' + num(f.ours) + ' (' + t('lowerBound') + ')' : f.ours;
        return [f.figure, f.source, f.articles, figPeriod(f), geoName(f.geography), f.published, ours, f.difference, f.metric, f.note];
      }),
      rowCls: figs.map(function (f) { return f.lower_bound ? 'lower' : ''; }),
      source: 'awol stats --compare ' + cliArgs(cmp)
    });
  }
  function geoName(g) {
    if (g === 'national') return t('national');
    if (g === 'other') return t('otherGeo');
    return String(g || '').replace(/^region:/, t('region') + ' ').replace(/^court:/, t('court') + ' ');
  }

  function cliArgs(p) {
    return Object.keys(p).filter(function (k) { return p[k]; }).sort().map(function (k) { return '--' + k + ' ' + p[k]; }).join(' ');
  }

  /* The year the courts, regions and outcomes are ranked for: chosen, else the last with cases. */
  function yearRange() {
    if (REPORT) return Promise.resolve(REPORT.report.year ? { year: REPORT.report.year, from: REPORT.report.yfrom, to: REPORT.report.yto, years: [REPORT.report.year] } : null);
    return api('/api/stats', { article: state.article, part: state.part, unit: state.unit, date: state.date, from: state.from, to: state.to, by: 'year' }).then(function (s) {
      var years = s.rows.map(function (r) { return r.period; });
      if (!years.length) return null;
      var y = years.indexOf(state.year) >= 0 ? state.year : years[years.length - 1];
      var from = y + '-01-01', to = y + '-12-31';
      if (state.from && state.from > from) from = state.from;
      if (state.to && state.to < to) to = state.to;
      return { year: y, from: from, to: to, years: years };
    });
  }
  function yearParams(yr, group) {
    var p = { article: state.article, by: 'year', from: yr.from, to: yr.to, group: group };
    if (!REPORT) { p.part = state.part; p.unit = state.unit; p.date = state.date; }
    return p;
  }

  function yearPicker(yr) {
    if (REPORT || yr.years.length < 2) return null;
    var s = el('select', { name: 'year', onchange: function () { state.year = s.value; go(); } }, yr.years.map(function (y) {
      var o = el('option', { value: y, text: y }); if (y === yr.year) o.selected = true; return o;
    }));
    return el('label', { cls: 'note' }, [t('year') + ' ', s]);
  }

  function ranked(id, title, s, names, onPick, cov) {
    var rows = s.rows.filter(function (r) { return r.group !== '(total)'; }).slice().sort(function (a, b) { return b.count - a.count; });
    var top = rows.slice(0, 30);
    /* a court whose collection is not complete: its bar grey, its status named */
    var status = function (r) { return cov && cov.known ? cov.court[courtCode(r.group)] || t('notCovered') : 'complete'; };
    var label = function (r) {
      var l = names && names[courtCode(r.group)] ? names[courtCode(r.group)] : r.group;
      return status(r) === 'complete' ? l : l + ' (' + status(r) + ')';
    };
    return card(id, title + ' — ' + (s.rows[0] ? s.rows[0].period : ''), cov && cov.known ? t('rankNote') : null, {
      cols: [id === 'courts-rank' ? t('court') : t('region'), t('name'), t('count')].concat(cov ? [t('coverage')] : []), num: [0, 0, 1, 0],
      rows: rows.map(function (r) { return [r.group, label(r), r.count].concat(cov ? [status(r)] : []); }),
      onRow: onPick ? function (k) { onPick(courtCode(rows[k].group)); } : null,
      source: 'awol stats ' + cliArgs({ by: 'year', group: id === 'courts-rank' ? 'court' : 'region' })
    }, {
      type: 'bar',
      data: { labels: top.map(label), datasets: [{ label: t('cases'), data: top.map(function (r) { return r.count; }), backgroundColor: top.map(function (r) { return status(r) === 'complete' ? '#3b6fb6' : '#aab3c5'; }) }] },
      options: { indexAxis: 'y', scales: { y: { ticks: { autoSkip: false } } }, plugins: { legend: { display: false } }, onClick: onPick ? function (e, items) { if (items.length) onPick(courtCode(top[items[0].index].group)); } : undefined }
    }, true);
  }

  /* stats --group court names a court "CODE name" */
  function courtCode(g) { return String(g).split(' ')[0]; }

  function tileMap(s, cov) {
    var counts = {};
    s.rows.forEach(function (r) { if (r.group !== '(total)') counts[r.group] = r.count; });
    var max = Math.max.apply(null, [1].concat(Object.keys(counts).map(function (k) { return counts[k]; })));
    var grid = el('div', { cls: 'tiles', 'data-map': 'regions' });
    (window.AWOL_REGIONS || []).forEach(function (r) {
      var c = counts[r.name], asked = !cov || !cov.known || cov.region[r.name];
      /* hatched: nothing collected there; a region collected without a case shows 0 */
      if (c === undefined && asked && cov && cov.known) c = 0;
      var tile = el('div', { cls: 'tile' + (c === undefined ? ' none' : ''), title: (lang === 'ru' ? r.name : r.en) + (c === undefined ? '' : ': ' + c) });
      tile.style.gridColumn = String(r.x + 1); tile.style.gridRow = String(r.y + 1);
      if (c !== undefined) tile.style.background = 'rgba(59,111,182,' + (0.08 + 0.87 * c / max).toFixed(2) + ')';
      tile.appendChild(el('b', { text: c === undefined ? '' : String(c) }));
      tile.appendChild(document.createTextNode((lang === 'ru' ? r.name : r.en).replace(/область|Республика|край/g, '').trim().slice(0, 12)));
      grid.appendChild(tile);
    });
    return el('section', { cls: 'card', id: 'map' }, [el('h2', { text: t('map') + ' — ' + (s.rows[0] ? s.rows[0].period : '') }), el('p', { cls: 'note', text: t('mapNote') }), grid]);
  }

  function courtsView(main) {
    return Promise.all([yearRange(), api('/api/courts'), api('/api/coverage')]).then(function (a) {
      var yr = a[0], names = {}, cov = { known: a[2].rows.length > 0, court: {}, region: {} }, region = {};
      a[1].rows.forEach(function (c) { names[c.code] = c.name; region[c.code] = c.region; });
      /* what was collected, court by court (awol coverage), to tell "none" from "not asked" */
      a[2].rows.forEach(function (r) { cov.court[r.court_code] = r.status; cov.region[region[r.court_code]] = true; });
      if (!yr) { main.appendChild(el('p', { cls: 'note', text: t('noData') })); return; }
      var pick = yearPicker(yr);
      if (pick) main.appendChild(pick);
      return Promise.all([api('/api/stats', yearParams(yr, 'court')), api('/api/stats', yearParams(yr, 'region'))]).then(function (b) {
        main.appendChild(coverageCard(b[0]));
        main.appendChild(ranked('courts-rank', t('courtsRank'), b[0], names, REPORT ? null : function (code) { state.court = code; go(true); }, cov));
        main.appendChild(ranked('regions-rank', t('regionsRank'), b[1], null, null, null));
        main.appendChild(tileMap(b[1], cov));
        if (!REPORT && state.court) return courtDetail(main, state.court, names);
      });
    });
  }

  function courtDetail(main, code, names) {
    /* the court's own series (`awol stats --court CODE`): a small answer, and the coverage
     * of its windows alone */
    var p = Object.assign({}, selection(), { by: 'month', court: code });
    delete p.group;
    /* one page of `awol cases --court CODE`: the first 200, with the total the filters select */
    var cp = { court: code, from: state.from, to: state.to, article: state.article, date: state.date, limit: 200 };
    return Promise.all([api('/api/stats', p), api('/api/cases', cp)]).then(function (a) {
      var rows = a[0].rows;
      var title = (names[code] || code) + ' (' + code + ')';
      var box = card('court-series', t('series') + ': ' + title, null, {
        cols: [t('period'), t('count'), t('vsPrev'), t('vsYear')], num: [0, 1, 1, 1],
        rows: rows.map(function (r) { return [r.period, r.count, r.previous, r.year_ago]; }), source: 'awol stats ' + cliArgs(p)
      }, { type: 'bar', data: { labels: rows.map(function (r) { return r.period; }), datasets: [{ label: t('cases'), data: rows.map(function (r) { return r.count; }), backgroundColor: '#3b6fb6' }] }, options: { plugins: { legend: { display: false } } } });
      main.insertBefore(box, main.children[1] || null);
      /* the rows of `awol cases` for the court; each number links to the case's card on the
       * court's site (the address awol read it from), only ever an http(s) address */
      var cases = a[1].rows;
      var cbox = card('court-cases', t('cases_') + ': ' + title, a[1].total > cases.length ? num(cases.length) + ' / ' + num(a[1].total) : null, {
        cols: [t('number'), t('received_'), t('decided_'), t('outcome'), t('result'), t('charges_'), t('card')],
        rows: cases.map(function (c) { return [c.number, c.received, c.decided, c.outcome, c.result, c.charges, c.url]; }),
        links: [function (k) { return safeUrl(cases[k].url); }, null, null, null, null, null, function (k) { return safeUrl(cases[k].url); }],
        source: 'awol cases ' + cliArgs(cp)
      });
      main.insertBefore(cbox, box.nextSibling);
      box.scrollIntoView && box.scrollIntoView();
    });
  }
  /* only an http(s) address is linked; '#' else (a case read from a file has no card) */
  function safeUrl(u) { return /^https?:\/\//.test(u || '') ? u : '#'; }

  function outcomesView(main) {
    return yearRange().then(function (yr) {
      if (!yr) { main.appendChild(el('p', { cls: 'note', text: t('noData') })); return; }
      var pick = yearPicker(yr);
      if (pick) main.appendChild(pick);
      var p = yearParams(yr, 'outcome');
      return api('/api/stats', p).then(function (s) {
        var rows = s.rows.filter(function (r) { return r.group !== '(total)'; }).slice().sort(function (a, b) { return b.count - a.count; });
        var total = s.rows.filter(function (r) { return r.group === '(total)'; })[0];
        main.appendChild(card('outcomes', t('outcomeTitle') + ' — ' + yr.year, total ? t('total') + ': ' + num(total.count) : null, {
          cols: [t('outcome'), '', t('count')], num: [0, 0, 1],
          rows: rows.map(function (r) { return [r.group, outcomeName(r.group), r.count]; }), source: 'awol stats ' + cliArgs(p)
        }, { type: 'bar', data: { labels: rows.map(function (r) { return outcomeName(r.group); }), datasets: [{ label: t('cases'), data: rows.map(function (r) { return r.count; }), backgroundColor: rows.map(function (r, i) { return COLORS[i % COLORS.length]; }) }] }, options: { indexAxis: 'y', plugins: { legend: { display: false } } } }));
        if (s.unrecognised_outcomes.length) main.appendChild(el('p', { cls: 'note', text: 'unrecognised: ' + s.unrecognised_outcomes.join(' | ') }));
        return readings(main);
      });
    });
  }

  /* What the verdict texts say: /api/outcomes = `awol stats --unit defendants --group
   * sentence --share` and `--what terms`, by the day decided; every share with its base. */
  var SENTENCE_COLORS = { 'imprisonment, real': '#c23b3b', 'imprisonment, suspended': '#d9822b', disciplinary_unit: '#8e5bb5', military_restriction: '#2f9e6e', fine: '#3b6fb6', arrest: '#6c7a89', forced_labour: '#b5a33b', correctional_labour: '#3bb5b0', compulsory_work: '#9aa3b5', restriction_of_liberty: '#7d8799' };
  function readingParams() {
    var p = { article: state.article, from: state.from, to: state.to };
    if (!REPORT) p.part = state.part;
    return p;
  }
  function readings(main) {
    var sp = Object.assign(readingParams(), { unit: 'defendants', group: 'sentence', share: '1', by: 'year' });
    var tp = Object.assign(readingParams(), { what: 'terms', group: 'sentence' });
    return Promise.all([api('/api/outcomes', sp), api('/api/outcomes', tp)]).then(function (a) {
      var s = a[0], tm = a[1];
      if (!s.rows.length) { main.appendChild(el('p', { cls: 'note', id: 'no-texts', text: t('noTexts') })); return; }
      var years = [], values = [], base = {};
      s.rows.forEach(function (r) {
        if (years.indexOf(r.period) < 0) years.push(r.period);
        if (values.indexOf(r.value) < 0) values.push(r.value);
        base[r.period] = r;
      });
      var label = function (y) { return y + (base[y].partial ? '*' : '') + ' (n=' + base[y].base + ')'; };
      var ds = values.map(function (v, i) {
        return { label: v, stack: 's', backgroundColor: SENTENCE_COLORS[v] || COLORS[(i + 5) % COLORS.length], data: years.map(function (y) {
          var r = s.rows.filter(function (x) { return x.period === y && x.value === v; })[0];
          return r ? Math.round(1000 * r.share) / 10 : 0;
        }) };
      });
      var note = t('sentencesNote') + ' ' + years.map(function (y) {
        var b = base[y];
        return y + ': ' + t('baseLine').replace('{n}', num(b.base)).replace('{t}', num(b.texts_read)).replace('{d}', num(b.decided));
      }).join('; ') + '.';
      main.appendChild(card('sentences', t('sentences'), note, {
        cols: [t('period'), t('sentence'), t('count'), t('base'), t('share'), t('of'), 'texts_read', 'decided'], num: [0, 0, 1, 1, 1, 0, 1, 1],
        rows: s.rows.map(function (r) { return [r.period + (r.partial ? '*' : ''), r.value, r.count, r.base, (100 * r.share).toFixed(1) + '%', r.of, r.texts_read, r.decided]; }),
        source: 'awol stats ' + cliArgs(sp)
      }, { type: 'bar', data: { labels: years.map(label), datasets: ds }, options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + '%'; } } } } } }));
      /* quartile boxes: floating bars q1..q3, the median and the ends as marks */
      var g = tm.rows.filter(function (r) { return r.terms > 0; });
      main.appendChild(card('terms', t('terms'), t('termsNote'), {
        cols: [t('sentence'), t('terms_'), t('unread'), t('min'), t('q1'), t('median'), t('q3'), t('max')], num: [0, 1, 1, 1, 1, 1, 1, 1],
        rows: tm.rows.map(function (r) { return [r.group, r.terms, r.unread, r.min, r.q1, r.median, r.q3, r.max]; }),
        source: 'awol stats ' + cliArgs(tp)
      }, g.length ? { type: 'bar', data: { labels: g.map(function (r) { return r.group + ' (n=' + r.terms + ')'; }), datasets: [
        { type: 'bar', label: t('q1') + '–' + t('q3'), data: g.map(function (r) { return [r.q1, r.q3 === r.q1 ? r.q3 + 0.3 : r.q3]; }), backgroundColor: 'rgba(59,111,182,.45)', borderColor: '#3b6fb6', borderWidth: 1 },
        { type: 'line', label: t('median'), data: g.map(function (r) { return r.median; }), showLine: false, pointStyle: 'line', pointRadius: 14, borderWidth: 3, borderColor: '#1d2330' },
        { type: 'line', label: t('min') + ' / ' + t('max'), data: g.map(function (r) { return r.min; }), showLine: false, pointStyle: 'dash', pointRadius: 14, borderWidth: 2, borderColor: '#6c7a89' },
        { type: 'line', label: '', data: g.map(function (r) { return r.max; }), showLine: false, pointStyle: 'dash', pointRadius: 14, borderWidth: 2, borderColor: '#6c7a89' }
      ] }, options: { indexAxis: 'x', scales: { y: { beginAtZero: true, title: { display: true, text: lang === 'ru' ? 'месяцев' : 'months' } } }, plugins: { legend: { labels: { filter: function (it) { return it.text !== ''; } } } } } } : null));
    });
  }

  function claimsView(main) {
    var cmp = { article: state.article, from: state.from, to: state.to };
    return Promise.all([api('/api/compare', cmp), api('/api/figures')]).then(function (a) {
      main.appendChild(compareCard(a[0], cmp));
      if (!REPORT) main.appendChild(checkForm());
      main.appendChild(figuresCard(a[1]));
    });
  }
  function figuresCard(doc) {
    var figs = doc.rows;
    return card('figures', t('figures'), null, {
      cols: ['id', t('count'), t('unit'), t('article'), t('from'), t('to'), t('geography'), t('source'), 'url'],
      num: [0, 1, 0, 0, 0, 0, 0, 0, 0],
      rows: figs.map(function (f) { return [f.id, f.value, f.unit, f.articles, f.period_start, f.period_end, geoName(f.geography), f.source, f.url]; }),
      links: [null, null, null, null, null, null, null, null, function (k) { return safeUrl(figs[k].url); }],
      source: 'awol figures list'
    });
  }

  function checkForm() {
    var ta = el('textarea', { name: 'claims', 'aria-label': t('check') });
    var file = el('input', { type: 'file', accept: '.yaml,.yml,text/yaml' });
    var out = el('div', { id: 'verdicts' });
    file.addEventListener('change', function () { if (file.files[0]) file.files[0].text().then(function (s) { ta.value = s; }); });
    var btn = el('button', { type: 'button', id: 'check-run', text: t('run'), onclick: function () {
      out.textContent = '…';
      fetch('/api/check', { method: 'POST', body: ta.value, headers: { 'Content-Type': 'text/yaml' } }).then(function (r) {
        return r.json().then(function (j) { if (!r.ok) throw new Error(j.error); return j; });
      }).then(function (j) {
        out.textContent = '';
        if (j.title) out.appendChild(el('p', { text: j.title }));
        if (j.simulated) out.appendChild(el('p', { cls: 'error', text: t('simulated') }));
        /* the rows of `awol check --format json`: a lower bound is part of the verdict */
        out.appendChild(card('verdicts-table', t('verdict'), j.any_lower_bound ? t('lowerBoundNote') : null, {
          cols: ['id', t('verdict'), t('claimed'), t('found'), t('why'), t('caveat')], num: [0, 0, 1, 1, 0, 0],
          rows: j.rows.map(function (c) { return [c.id, c.verdict + (c.lower_bound ? ' (' + t('lowerBound') + ')' : ''), c.claimed, c.found, c.why, c.caveat]; }), source: 'awol check --format json'
        }));
        Array.prototype.forEach.call(out.querySelectorAll('[data-table="verdicts-table"] tr'), function (tr, i) {
          if (i > 0) tr.children[1].className = 'verdict-' + j.rows[i - 1].verdict;
        });
      }).catch(function (e) { out.textContent = ''; out.appendChild(el('p', { cls: 'error', text: t('error') + ': ' + e.message })); });
    } });
    return el('section', { cls: 'card', id: 'check' }, [el('h2', { text: t('check') }), el('p', { cls: 'note', text: t('checkNote') }), ta, file, btn, out]);
  }

  function methodCard() {
    var box = el('section', { cls: 'card method', id: 'method' }, [el('h2', { text: t('method') })]);
    METHOD[lang].forEach(function (m) { box.appendChild(el('h3', { text: m[0] })); box.appendChild(el('p', { text: m[1] })); });
    return box;
  }

  /* the document of `awol coverage --format json` (columns of export court_coverage) */
  function coverageTable(doc) {
    var cols = ['court_code', 'court_name', 'status', 'windows_complete', 'windows', 'expected', 'collected', 'last_error'];
    return card('coverage', t('coverage'), doc.articles_not_searched && doc.articles_not_searched.length ? t('notSearched') + ': ' + doc.articles_not_searched.join(', ') : null, {
      cols: cols,
      num: [0, 0, 0, 1, 1, 1, 1, 0],
      rows: doc.rows.map(function (r) { return cols.map(function (c) { return r[c]; }); }),
      source: 'awol coverage'
    });
  }

  /* ---- filters in the URL ---- */
  function readState() {
    state = {};
    ['article', 'part', 'from', 'to', 'by', 'unit', 'date', 'since', 'year', 'court'].forEach(function (k) {
      var v = params.get(k);
      state[k] = v !== null ? v : DEFAULTS[k];
    });
  }
  function view() {
    var p = location.pathname.replace(/^\//, '') || 'overview';
    return VIEWS.indexOf(p) >= 0 ? p : 'overview';
  }
  function url(v, st, l) {
    var q = new URLSearchParams();
    Object.keys(st).forEach(function (k) { if (st[k] && st[k] !== DEFAULTS[k]) q.set(k, st[k]); });
    if (DEFAULTS.article && !st.article) q.set('article', '');
    if (l) q.set('lang', l);
    var s = q.toString();
    return '/' + (v === 'overview' ? '' : v) + (s ? '?' + s : '');
  }
  function go(keepScroll) {
    history.pushState(null, '', url(view(), state, params.get('lang')));
    params = new URLSearchParams(location.search);
    render(keepScroll);
  }

  function filterForm() {
    var f = document.getElementById('filters');
    f.textContent = '';
    var input = function (k, type, ph) {
      var i = el('input', { name: k, type: type || 'text', value: state[k] || '', placeholder: ph || '' });
      return el('label', {}, [t(k), i]);
    };
    var select = function (k, opts) {
      var s = el('select', { name: k }, opts.map(function (o) { var e = el('option', { value: o, text: t(o) }); if (state[k] === o) e.selected = true; return e; }));
      return el('label', {}, [t(k), s]);
    };
    [input('article', 'text', '337,338'), input('part', 'text', ''), input('from', 'date'), input('to', 'date'),
      select('by', ['week', 'month', 'quarter', 'half', 'year']), select('unit', ['cases', 'defendants', 'charges']),
      select('date', ['received', 'decided']), input('since', 'date')].forEach(function (e) { f.appendChild(e); });
    f.appendChild(el('button', { type: 'submit', text: t('apply') }));
    f.onsubmit = function (e) {
      e.preventDefault();
      Array.prototype.forEach.call(f.elements, function (x) { if (x.name) state[x.name] = x.value; });
      state.court = '';
      go();
    };
    f.onchange = function (e) { if (e.target.tagName === 'SELECT') f.onsubmit(e); };
  }

  function chrome() {
    var nav = document.getElementById('nav');
    nav.textContent = '';
    VIEWS.forEach(function (v) {
      nav.appendChild(el('a', { href: url(v, state, params.get('lang')), cls: v === view() ? 'on' : '', 'data-view': v, text: t(v) }));
    });
    var langs = document.getElementById('langs');
    langs.textContent = '';
    ['ru', 'en'].forEach(function (l) { langs.appendChild(el('a', { href: url(view(), state, l), cls: l === lang ? 'on' : '', text: l.toUpperCase() })); });
    document.documentElement.lang = lang;
    filterForm();
  }

  function banner() {
    var b = document.getElementById('banner');
    if (meta && meta.simulated) { b.textContent = t('simulated'); b.hidden = false; }
  }
  function footer() {
    var f = document.getElementById('footer');
    f.textContent = '';
    if (meta) f.appendChild(el('p', { text: t('collected') + ': ' + (meta.first_seen || '?') + ' … ' + (meta.last_seen || '?') + ' · ' + num(meta.cases) + ' ' + t('cases') }));
    if (REPORT) f.appendChild(el('p', { text: t('generated') + ': ' + REPORT.report.generated }));
  }

  function render() {
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var main = document.getElementById('main');
    main.textContent = '';
    document.body.removeAttribute('data-ready');
    if (!REPORT) { lang = pickLang(); readState(); chrome(); }
    var v = view();
    document.title = 'awol — ' + t(v);
    var work = api('/api/meta').then(function (m) {
      meta = m; banner(); footer();
      return { overview: overview, courts: courtsView, outcomes: outcomesView, claims: claimsView }[v](main);
    });
    finish(work, main);
  }

  function renderReport() {
    var r = REPORT.report;
    state = { article: r.article, from: r.from, to: r.to, by: r.by, since: r.since };
    document.documentElement.lang = lang;
    var main = document.getElementById('main');
    main.textContent = '';
    var sel = [r.article ? t('article') + ' ' + r.article : t('all'), (r.from || '…') + ' — ' + (r.to || '…')].join(' · ');
    document.getElementById('title').textContent = sel;
    var sections = function (id) { var s = el('div', { id: id }); main.appendChild(s); return s; };
    var work = api('/api/meta').then(function (m) {
      meta = m; banner(); footer();
      main.appendChild(el('p', { cls: 'note', text: t('openDashboard') }));
      var a = sections('overview'), b = sections('courts'), c = sections('outcomes');
      return overview(a).then(function () { return courtsView(b); }).then(function () { return outcomesView(c); }).then(function () {
        return Promise.all([api('/api/coverage'), api('/api/figures')]);
      }).then(function (x) {
        main.appendChild(coverageTable(x[0]));
        main.appendChild(methodCard());
        main.appendChild(figuresCard(x[1]));
      });
    });
    finish(work, main);
  }

  function finish(work, main) {
    work.then(function () {
      document.body.setAttribute('data-ready', '1');
    }).catch(function (e) {
      main.appendChild(el('p', { cls: 'error', id: 'error', text: t('error') + ': ' + e.message }));
      document.body.setAttribute('data-ready', 'error');
    });
  }

  function start() {
    if (!window.Chart) { document.getElementById('main').textContent = 'Chart.js missing'; return; }
    window.Chart.defaults.font.family = 'system-ui, sans-serif';
    window.Chart.defaults.scales.linear.ticks.precision = 0; /* counts are whole */
    if (REPORT) { renderReport(); return; }
    window.addEventListener('popstate', function () { params = new URLSearchParams(location.search); render(); });
    document.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a[data-view], .langs a');
      if (!a || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      history.pushState(null, '', a.getAttribute('href'));
      params = new URLSearchParams(location.search);
      render();
    });
    render();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
