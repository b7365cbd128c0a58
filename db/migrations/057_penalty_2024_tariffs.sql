-- #17: the 2024 penalty rules as data, and the tariff catalogue (电价类别 and their prices by effective date).

-- 《供电营业规则》 as revised (国家发展改革委令2024年第14号, in force 2024-06-01) for cases detected from that day;
-- penalty-1996 stays for cases detected before. Where the rules set a ceiling ("不高于 … 倍"), a rule states it, the
-- default this installation charges (the supply contracts' figure; a new version changes it) and its article.
-- TO BE VERIFIED: the 2024 text was not at hand when this was written. The wording below is the 1996 rule it corresponds
-- to (第一百条、第一百零二条、第一百零三条, cited as such) with the 2024 ceilings ("不高于") as the revision is reported;
-- article numbers are null and every article says verified: false until someone checks them against the published text.
insert into penalty_rule_sets (version, source, effective_from, status, rules, published_at, created_by, published_by) values (
  'penalty-2024',
  '供电营业规则（国家发展改革委令2024年第14号，2024年6月1日起施行）；条号与措辞待核实 / Power Supply Business Rules (NDRC Order 2024 No. 14, in force 2024-06-01); article numbers and wording to be verified',
  '2024-06-01', 'published', '{
    "wrongTariff": {
      "penaltyMultiplier": { "ceiling": 2, "default": 2, "article": { "no": null, "verified": false,
        "text": "在电价低的供电线路上擅自接用电价高的用电设备或者私自改变用电类别的，按实际使用日期补交差额电费，并承担不高于二倍差额电费的违约使用电费；使用起讫日期难以确定的，实际使用时间按三个月计算（对应1996年版第一百条第1项；2024年版条号与措辞待核实）" } },
      "defaultPeriodMonths": 3
    },
    "theft": {
      "penaltyMultiplier": { "ceiling": 3, "default": 3, "article": { "no": null, "verified": false,
        "text": "窃电者按所窃电量补交电费，并承担不高于补交电费三倍的违约使用电费（对应1996年版第一百零二条；2024年版条号与措辞待核实）" } },
      "defaultDays": 180,
      "hoursPerDay": { "power": 12, "lighting": 6 },
      "energyArticle": { "no": null, "verified": false,
        "text": "窃电时间无法查明时，窃电日数至少以一百八十天计算，每日窃电时间电力用户按十二小时、照明用户按六小时计算（对应1996年版第一百零三条；2024年版是否沿用待核实）" }
    },
    "capacity": {
      "mode": "by_tariff_structure",
      "twoPart": { "penaltyMultiplier": { "ceiling": 3, "default": 3, "article": { "no": null, "verified": false,
        "text": "私自超过合同约定的容量用电的，两部制电价用户补交私增设备容量使用月数的基本电费，并承担不高于三倍私增容量基本电费的违约使用电费（对应1996年版第一百条第2项；2024年版条号与措辞待核实）" } } },
      "single": { "penaltyYuanPerKw": { "ceiling": 50, "default": 50, "article": { "no": null, "verified": false,
        "text": "私自超过合同约定的容量用电的，其他用户承担私增容量每千瓦（千伏安视同千瓦）五十元的违约使用电费（对应1996年版第一百条第2项；2024年版是否改为“不高于”及条号待核实）" } } },
      "defaultMonths": 1
    }
  }'::jsonb, now(), 'migration-057', 'migration-057')
on conflict (version) do nothing;

-- The tariff catalogue: categories per province, and dated price versions that are added, never edited.
create table if not exists tariff_categories (
  province text not null check (province ~ '^[A-Z]{2,3}$'),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh text not null,
  name_en text not null,
  two_part boolean not null default false,
  sort_order integer not null default 0,
  primary key (province, code)
);

create table if not exists tariff_prices (
  id bigserial primary key,
  province text not null,
  code text not null,
  effective_from date not null,
  price_yuan_per_kwh numeric(10, 4) not null check (price_yuan_per_kwh > 0 and price_yuan_per_kwh <= 100),
  basic_fee_yuan_per_kva_month numeric(10, 2) check (basic_fee_yuan_per_kva_month >= 0 and basic_fee_yuan_per_kva_month <= 1000),
  source text not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  foreign key (province, code) references tariff_categories (province, code),
  unique (province, code, effective_from)
);

-- A price version is what computed back-billing cites: frozen once written (deletes stay for tests' own rows).
create or replace function tariff_price_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'tariff price % is a published version and cannot change', old.id using errcode = 'check_violation';
end $$;
drop trigger if exists tariff_prices_no_edit on tariff_prices;
create trigger tariff_prices_no_edit before update on tariff_prices for each row execute function tariff_price_frozen();

-- Hubei (HB), the pilot's province. The codes are the customer archive's (customers.tariff_category).
insert into tariff_categories (province, code, name_zh, name_en, two_part, sort_order) values
  ('HB', 'residential', '居民生活用电', 'Residential', false, 10),
  ('HB', 'commercial', '一般工商业用电（商业）', 'General commercial & industrial (commercial)', false, 20),
  ('HB', 'general_industrial', '一般工商业用电（工业）', 'General commercial & industrial (industrial)', false, 30),
  ('HB', 'large_industrial', '大工业用电', 'Large industrial', true, 40),
  ('HB', 'agricultural', '农业生产用电', 'Agricultural production', false, 50)
on conflict do nothing;

-- SAMPLE PRICES, plausible for Hubei (1 kV class, yuan/kWh; basic fee yuan/kVA·month), NOT the published tariff: to be
-- replaced by the province's published catalogue (the provincial price bureau's notices) through POST /api/tariffs/prices.
insert into tariff_prices (province, code, effective_from, price_yuan_per_kwh, basic_fee_yuan_per_kva_month, source, created_by) values
  ('HB', 'residential',        '2016-01-01', 0.5580, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'commercial',         '2016-01-01', 0.8895, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'general_industrial', '2016-01-01', 0.7625, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'large_industrial',   '2016-01-01', 0.6150, 28.00, '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'agricultural',       '2016-01-01', 0.5450, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'residential',        '2023-06-01', 0.5580, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'commercial',         '2023-06-01', 0.6650, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'general_industrial', '2023-06-01', 0.6650, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'large_industrial',   '2023-06-01', 0.5920, 28.00, '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057'),
  ('HB', 'agricultural',       '2023-06-01', 0.5380, null,  '示例电价（待替换为省级电价文件）/ sample price, to be replaced', 'migration-057')
on conflict do nothing;
