import { PGlite } from '@electric-sql/pglite';
const t=Date.now();
const db = await PGlite.create();
console.log('open', Date.now()-t);
console.log((await db.query(`select to_tsvector('dutch','samenwerking samenwerken') v, websearch_to_tsquery('english','collaborating') q, to_tsvector('english','collaboration') @@ websearch_to_tsquery('english','collaborating') m`)).rows);
console.log((await db.query(`select cfgname from pg_ts_config`)).rows.map(r=>r.cfgname).join(','));
const t2=Date.now(); const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t2, dump.size);
const t3=Date.now(); const db2 = await PGlite.create({loadDataDir: dump}); console.log('load', Date.now()-t3);
