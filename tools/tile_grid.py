#!/usr/bin/env python3
"""Lay Russia's regions out as a tile grid: lib/web/static/regions.js.

One square per region (names as in data/military-courts.csv, region_name), placed by
its capital's coordinates: longitude (stretched where the regions are dense, squeezed
across Siberia: x ~ sqrt(lon - 19)) and latitude, snapped to the nearest free cell in
order of population-dense first, so that neighbours stay neighbours and the western
regions, small and many, get room.  The result is data (regions.js); rerun this after
changing the list:  tools/tile_grid.py > lib/web/static/regions.js
"""
import json
import math

# name (registry), English name, capital latitude, longitude
R = [
    ("Город Москва", "Moscow", 55.75, 37.62), ("Московская область", "Moscow Oblast", 55.6, 38.2),
    ("Город Санкт-Петербург", "St Petersburg", 59.94, 30.31), ("Ленинградская область", "Leningrad Oblast", 59.6, 32.5),
    ("Город Севастополь", "Sevastopol", 44.6, 33.5), ("Республика Крым", "Crimea", 44.95, 34.1),
    ("Калининградская область", "Kaliningrad", 54.7, 20.5), ("Псковская область", "Pskov", 57.8, 28.3),
    ("Новгородская область", "Novgorod", 58.5, 31.3), ("Республика Карелия", "Karelia", 61.8, 34.3),
    ("Мурманская область", "Murmansk", 68.97, 33.1), ("Архангельская область", "Arkhangelsk", 64.5, 40.5),
    ("Ненецкий автономный округ", "Nenets", 67.6, 53.0), ("Вологодская область", "Vologda", 59.2, 39.9),
    ("Республика Коми", "Komi", 61.7, 50.8), ("Тверская область", "Tver", 56.9, 35.9),
    ("Смоленская область", "Smolensk", 54.8, 32.0), ("Брянская область", "Bryansk", 53.2, 34.4),
    ("Калужская область", "Kaluga", 54.5, 36.3), ("Тульская область", "Tula", 54.2, 37.6),
    ("Орловская область", "Oryol", 52.97, 36.1), ("Курская область", "Kursk", 51.7, 36.2),
    ("Белгородская область", "Belgorod", 50.6, 36.6), ("Воронежская область", "Voronezh", 51.7, 39.2),
    ("Липецкая область", "Lipetsk", 52.6, 39.6), ("Рязанская область", "Ryazan", 54.6, 39.7),
    ("Владимирская область", "Vladimir", 56.1, 40.4), ("Ярославская область", "Yaroslavl", 57.6, 39.9),
    ("Ивановская область", "Ivanovo", 57.0, 41.0), ("Костромская область", "Kostroma", 57.8, 40.9),
    ("Тамбовская область", "Tambov", 52.7, 41.4), ("Нижегородская область", "Nizhny Novgorod", 56.3, 44.0),
    ("Республика Мордовия", "Mordovia", 54.2, 45.2), ("Пензенская область", "Penza", 53.2, 45.0),
    ("Чувашская Республика", "Chuvashia", 56.1, 47.2), ("Республика Марий Эл", "Mari El", 56.6, 47.9),
    ("Кировская область", "Kirov", 58.6, 49.7), ("Республика Татарстан", "Tatarstan", 55.8, 49.1),
    ("Ульяновская область", "Ulyanovsk", 54.3, 48.4), ("Самарская область", "Samara", 53.2, 50.1),
    ("Саратовская область", "Saratov", 51.5, 46.0), ("Волгоградская область", "Volgograd", 48.7, 44.5),
    ("Удмуртская Республика", "Udmurtia", 56.85, 53.2), ("Пермский край", "Perm", 58.0, 56.2),
    ("Республика Башкортостан", "Bashkortostan", 54.7, 55.97), ("Оренбургская область", "Orenburg", 51.8, 55.1),
    ("Ростовская область", "Rostov", 47.2, 39.7), ("Краснодарский край", "Krasnodar", 45.0, 39.0),
    ("Республика Адыгея", "Adygea", 44.6, 40.1), ("Ставропольский край", "Stavropol", 45.0, 41.97),
    ("Карачаево-Черкесская Республика", "Karachay-Cherkessia", 44.2, 42.05),
    ("Кабардино-Балкарская Республика", "Kabardino-Balkaria", 43.5, 43.6),
    ("Республика Северная Осетия-Алания", "North Ossetia", 43.0, 44.7), ("Республика Ингушетия", "Ingushetia", 43.2, 44.9),
    ("Чеченская Республика", "Chechnya", 43.3, 45.7), ("Республика Дагестан", "Dagestan", 42.97, 47.5),
    ("Республика Калмыкия", "Kalmykia", 46.3, 44.3), ("Астраханская область", "Astrakhan", 46.35, 48.0),
    ("Донецкая Народная Республика", "Donetsk (occupied)", 48.0, 37.8),
    ("Луганская Народная Республика", "Luhansk (occupied)", 48.6, 39.3),
    ("Запорожская область", "Zaporizhzhia (occupied)", 47.1, 35.4), ("Херсонская область", "Kherson (occupied)", 46.6, 33.4),
    ("Свердловская область", "Sverdlovsk", 56.8, 60.6), ("Челябинская область", "Chelyabinsk", 55.15, 61.4),
    ("Курганская область", "Kurgan", 55.4, 65.3), ("Тюменская область", "Tyumen", 57.15, 65.5),
    ("Ханты-Мансийский автономный округ - Югра", "Khanty-Mansi", 61.0, 69.0),
    ("Ямало-Ненецкий автономный округ", "Yamalo-Nenets", 66.5, 66.6), ("Омская область", "Omsk", 55.0, 73.4),
    ("Новосибирская область", "Novosibirsk", 55.0, 82.9), ("Томская область", "Tomsk", 56.5, 84.97),
    ("Кемеровская область - Кузбасс", "Kemerovo", 55.35, 86.1), ("Алтайский край", "Altai Krai", 53.35, 83.8),
    ("Республика Алтай", "Altai Republic", 51.96, 85.96), ("Красноярский край", "Krasnoyarsk", 56.0, 92.9),
    ("Республика Хакасия", "Khakassia", 53.7, 91.4), ("Республика Тыва", "Tuva", 51.7, 94.45),
    ("Иркутская область", "Irkutsk", 52.3, 104.3), ("Республика Бурятия", "Buryatia", 51.8, 107.6),
    ("Забайкальский край", "Zabaykalsky", 52.0, 113.5), ("Республика Саха (Якутия)", "Sakha (Yakutia)", 62.0, 129.7),
    ("Амурская область", "Amur", 50.3, 127.5), ("Еврейская автономная область", "Jewish AO", 48.8, 132.9),
    ("Хабаровский край", "Khabarovsk", 48.5, 135.1), ("Приморский край", "Primorye", 43.1, 131.9),
    ("Сахалинская область", "Sakhalin", 46.96, 142.7), ("Магаданская область", "Magadan", 59.6, 150.8),
    ("Камчатский край", "Kamchatka", 53.0, 158.65), ("Чукотский автономный округ", "Chukotka", 64.7, 177.5),
]


def main():
    cols, rows = 18, 10
    lat_lo, lat_hi = 42.5, 69.5
    xs = [math.sqrt(lon - 19.0) for _, _, _, lon in R]
    x_lo, x_hi = min(xs), max(xs)
    taken, out = {}, []
    # the dense west first: each region takes the free cell nearest its ideal spot
    for i in sorted(range(len(R)), key=lambda i: R[i][3]):
        name, en, lat, lon = R[i]
        fx = (xs[i] - x_lo) / (x_hi - x_lo) * (cols - 1)
        fy = (lat_hi - lat) / (lat_hi - lat_lo) * (rows - 1)
        best = min(((x, y) for x in range(cols) for y in range(rows) if (x, y) not in taken),
                   key=lambda c: (c[0] - fx) ** 2 + (1.6 * (c[1] - fy)) ** 2)
        taken[best] = name
        out.append({"name": name, "en": en, "x": best[0], "y": best[1]})
    out.sort(key=lambda r: (r["y"], r["x"]))
    print("/* Russia's regions as a tile grid: generated by tools/tile_grid.py (the layout's")
    print(" * reasoning is there: capitals' coordinates, longitude stretched in the west,")
    print(" * snapped west to east to the nearest free square).  Names as in the registry. */")
    print("window.AWOL_REGIONS = " + json.dumps(out, ensure_ascii=False, indent=0).replace("\n", "") + ";")


if __name__ == "__main__":
    main()
