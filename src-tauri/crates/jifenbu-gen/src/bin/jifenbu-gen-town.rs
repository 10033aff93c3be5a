//! `jifenbu-gen-town`: writes a district's worth of village exports (the
//! files a town combines), the same every time for the same seed, for the
//! rollup benchmark. Each file is written by the real `write_export`.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use clap::Parser;
use jifenbu_core::rollup::write_export;
use jifenbu_core::tally::Standing;
use jifenbu_core::{Quarter, Ranking, RankingRow};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;

#[derive(Parser)]
#[command(about = "生成全镇（区）各村的季度导出文件，用于汇总的性能测试")]
struct Args {
    #[arg(long, default_value_t = 352)]
    villages: usize,
    #[arg(long, default_value_t = 1500)]
    households: usize,
    #[arg(long, default_value = "2025Q3")]
    quarter: Quarter,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    out: PathBuf,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    std::fs::create_dir_all(&args.out)?;
    for v in 0..args.villages {
        let code = format!("33010{:04}", v + 1);
        let name = format!("第{}村", v + 1);
        let mut rows: Vec<RankingRow> = (0..args.households)
            .map(|h| {
                let halves = |rng: &mut ChaCha8Rng, max: i64| Decimal::new(rng.random_range(0..=max) * 5, 1);
                let add = halves(&mut rng, 80);
                let deduct = if rng.random_bool(0.3) { halves(&mut rng, 40) } else { Decimal::ZERO };
                let earlier = halves(&mut rng, 200);
                RankingRow {
                    rank: 0,
                    code: format!("{:02}{:03}", h / 150 + 1, h % 150 + 1),
                    head: format!("户主{h}"),
                    group: format!("{}组", h / 150 + 1),
                    standing: Standing {
                        add,
                        deduct,
                        score: add - deduct,
                        year_to_date: Decimal::ONE_HUNDRED + earlier + add - deduct,
                        stars: 0,
                        veto: rng.random_bool(0.005),
                        correction: Decimal::ZERO,
                    },
                    corrections: Vec::new(),
                }
            })
            .collect();
        rows.sort_by(|a, b| b.standing.year_to_date.cmp(&a.standing.year_to_date).then_with(|| a.code.cmp(&b.code)));
        for (i, r) in rows.iter_mut().enumerate() {
            r.rank = i as u32 + 1;
        }
        let ranking = Ranking { quarter: args.quarter, rows };
        let out = BufWriter::new(File::create(args.out.join(format!("{code}.csv")))?);
        write_export(out, &code, &name, &ranking, None)?;
    }
    Ok(())
}
