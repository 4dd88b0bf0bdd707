// Draws the dashboard's chart of alerts and subscriber sign-in failures per hour with ECharts, from the
// console's own JSON. The texts come from the page's data attributes, which the message bundle fills.
import * as echarts from '/console/webjars/echarts/dist/echarts.esm.min.js';

const container = document.getElementById('chart');
const status = document.getElementById('chart-status');
const chart = echarts.init(container, null, { renderer: 'canvas' });

async function load(range) {
    const response = await fetch(`/console/chart?range=${encodeURIComponent(range)}`,
        { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
        throw new Error(`status ${response.status}`);
    }
    return response.json();
}

function hourLabel(iso, range) {
    const text = new Date(iso).toISOString();
    return range === 'week' ? `${text.slice(5, 10)} ${text.slice(11, 16)}` : text.slice(11, 16);
}

async function show(range) {
    try {
        const data = await load(range);
        chart.setOption({
            animation: false,
            tooltip: { trigger: 'axis' },
            legend: { data: [container.dataset.labelAlerts, container.dataset.labelFailures] },
            xAxis: { type: 'category', data: data.hours.map((hour) => hourLabel(hour, range)) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
                { name: container.dataset.labelAlerts, type: 'bar', data: data.alerts },
                { name: container.dataset.labelFailures, type: 'line', data: data.signInFailures }
            ]
        }, true);
        status.textContent = '';
        container.dataset.drawn = range;
    } catch (error) {
        status.textContent = container.dataset.textError;
    }
}

for (const button of document.querySelectorAll('button.range')) {
    button.addEventListener('click', () => {
        for (const other of document.querySelectorAll('button.range')) {
            other.setAttribute('aria-pressed', String(other === button));
        }
        show(button.dataset.range);
    });
}
window.addEventListener('resize', () => chart.resize());
show('day');
