-- A province-sized synthetic population for the list/search measurements (docs/search.md): Hubei's 17 cities,
-- 6 counties each, 10 stations per county; :customers customers with Chinese names and addresses and :cases cases.
-- Run with psql -v customers=1000000 -v cases=1000000 against a throwaway database migrated to the current schema.
\set ON_ERROR_STOP on
begin;
insert into org_units (id, parent_id, level, name_zh, name_en) values ('HB', null, 'province', '湖北省', 'Hubei') on conflict do nothing;
create temp table cities (n int, code text, zh text);
insert into cities values (1,'WH','武汉'),(2,'HS','黄石'),(3,'SY','十堰'),(4,'YC','宜昌'),(5,'XY','襄阳'),(6,'EZ','鄂州'),(7,'JM','荆门'),(8,'XG','孝感'),
  (9,'JZ','荆州'),(10,'HG','黄冈'),(11,'XN','咸宁'),(12,'SZ','随州'),(13,'ES','恩施'),(14,'XT','仙桃'),(15,'QJ','潜江'),(16,'TM','天门'),(17,'SN','神农架');
insert into org_units select 'HB.' || code, 'HB', 'city', zh || '供电公司', code from cities on conflict do nothing;
create temp table counties as
  select c.n as city, k, 'HB.' || c.code || '.K' || k as id, c.zh as city_zh,
         (array['咸安','嘉鱼','通城','崇阳','通山','赤壁','江夏','黄陂','新洲','蔡甸','汉南','东西湖'])[1 + (c.n * 7 + k) % 12] || (array['区','县','市'])[1 + k % 3] as zh
    from cities c, generate_series(1, 6) k;
insert into org_units select id, 'HB.' || split_part(id, '.', 2), 'county', zh || '供电公司', id from counties on conflict do nothing;
create temp table stations as
  select row_number() over (order by co.id, s) - 1 as i, co.id || '.S' || s as id, co.city_zh, co.zh as county_zh,
         (array['温泉','永安','浮山','向阳湖','官埠桥','横沟桥','贺胜桥','双溪桥','马桥','桂花','汀泗桥','大幕'])[1 + s] as zh
    from counties co, generate_series(1, 10) s;
insert into org_units select id, split_part(id, '.', 1) || '.' || split_part(id, '.', 2) || '.' || split_part(id, '.', 3), 'station', zh || '供电所', id from stations on conflict do nothing;

create temp table surnames (i int, s text);
insert into surnames select ordinality - 1, s from unnest(string_to_array('王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗,郑,梁,谢,宋,唐,许,韩,冯,邓,曹,彭,曾,肖,田,董,袁,潘,于,蒋,蔡,余,杜,叶,程,苏,魏,吕,丁,任,沈', ',')) with ordinality s;
create temp table given (i int, gn text);
insert into given select ordinality - 1, g from unnest(string_to_array('伟,芳,娜,秀英,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀兰,霞,平,刚,桂英,华,建国,建华,志强,红梅,文,斌,婷,宇,浩,凯,鹏,飞,玲,丹,萍,鑫,三,四,国庆,春生,冬梅', ',')) with ordinality g;
create temp table shops (i int, w text);
insert into shops select ordinality - 1, w from unnest(string_to_array('餐馆,超市,农业专业合作社,五金店,养殖场,米业有限公司,砖瓦厂,酒店,茶叶合作社,加油站,机械厂,小学', ',')) with ordinality w;
create temp table roads (i int, r text);
insert into roads select ordinality - 1, r from unnest(string_to_array('温泉路,永安大道,金桂路,青龙路,长江路,中山路,人民路,解放路,建设路,光谷大道,淦河大道,银泉大道,书台街,滨河路,旗鼓大道', ',')) with ordinality r;

insert into customers (account_no, name, address, lat, lon, tariff_category, contract_capacity_kva, whitelist, station_id, grid_id, status)
select lpad((7000000000 + g)::text, 10, '0'),
       case when g % 10 < 7 then su.s || gi.gn
            else st.city_zh || '市' || (array['某某','鑫源','宏达','金桂','福满','兴旺','丰收','龙腾'])[1 + g % 8] || sh.w end,
       '湖北省' || st.city_zh || '市' || st.county_zh || st.zh || '街道' || ro.r || (1 + g % 300) || '号',
       29.8 + (g % 1000) / 5000.0, 114.3 + (g % 997) / 5000.0,
       (array['residential','residential','residential','commercial','general_industrial','agricultural','large_industrial'])[1 + g % 7],
       (g % 500) + 4, g % 97 = 0, st.id, null, case when g % 53 = 0 then 'suspended' else 'active' end
  from generate_series(1, :customers) g
  join stations st on st.i = g % 1020
  join surnames su on su.i = (g / 7) % 50
  join given gi on gi.i = (g / 11) % 45
  join shops sh on sh.i = (g / 13) % 12
  join roads ro on ro.i = (g / 3) % 15;

-- Cases: 70 % finished, the rest spread over the human stages; a few hundred named people per city.
insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at,
                   last_event_seq, customer_station_id, assignee, pending_role, pending_user, deadline_at, escalation_tier, review_pending)
select gen_random_uuid(), 'JC' || lpad(g::text, 9, '0'), 'case-' || g, cu.account_no, cu.name, cu.station_id,
       (array['routine','special','custom'])[1 + g % 3], x.stage, (array['low','normal','normal','high','urgent'])[1 + g % 5], 'importer',
       -- whole seconds, many cases per second: the sort key is not unique
       timestamptz '2024-01-01 00:00:00+08' + ((g / 3) || ' seconds')::interval * 0.2 * 3, now(), 3, cu.station_id,
       case when x.stage in ('field_evidence','rectification','verification','assessment') then 'insp' || (g % 3000) end,
       case x.stage when 'field_evidence' then 'inspector' when 'rectification' then 'station_lead' when 'verification' then 'supervisor' end,
       case x.stage when 'field_evidence' then 'insp' || (g % 3000) when 'rectification' then 'lead' || (g % 1020) end,
       case when x.stage in ('field_evidence','rectification','verification') then now() + ((g % 40) - 8) * interval '1 day' end,
       case when x.stage in ('field_evidence','rectification','verification') then (array[0,0,0,0,0,0,1,1,2,3])[1 + g % 10] else 0 end,
       g % 211 = 0
  from generate_series(1, :cases) g
  join customers cu on cu.account_no = lpad((7000000000 + 1 + (g::bigint * 7919) % :customers)::text, 10, '0')
  cross join lateral (select case when g % 10 < 7 then (array['closed','closed','closed','closed','closed','dismissed','cancelled'])[1 + g % 7]
                                  else (array['judgement','field_evidence','field_evidence','rectification','verification','assessment'])[1 + (g / 10) % 6] end as stage) x;
commit;
analyze customers;
analyze cases;
