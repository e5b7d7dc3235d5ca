//! The supervisor's every path, natively: events in, commands out, as `app::workers`
//! would see them. Waiters are named by `&str` (or numbered, in the property test).

use std::collections::VecDeque;

use proptest::prelude::*;

use super::*;

fn argon(secret: &str) -> Request {
    Request::Hash {
        algorithm: "argon2id".into(),
        plaintext: secret.into(),
    }
}

fn pbkdf2(secret: &str) -> Request {
    Request::Hash {
        algorithm: "pbkdf2-sha512".into(),
        plaintext: secret.into(),
    }
}

fn verify(secret: &str) -> Request {
    Request::Verify {
        digest: "$plaintext$x".into(),
        plaintext: secret.into(),
    }
}

fn parse(source: &str) -> Request {
    Request::Parse {
        source: source.into(),
    }
}

fn asked<W>(lane: Lane, request: Request, waiter: W) -> Event<W> {
    Event::Asked {
        lane,
        request,
        waiter,
    }
}

fn run(generation: u32, id: u32, request: Request) -> Command<&'static str> {
    Command::Post {
        generation,
        message: PageMessage::Run(Envelope { id, request }),
    }
}

fn budget(generation: u32, id: u32, ms: i32) -> Command<&'static str> {
    Command::ArmBudget { generation, id, ms }
}

fn answer(waiter: &'static str, outcome: Outcome) -> Command<&'static str> {
    Command::Answer { waiter, outcome }
}

fn digest(id: u32, generation: u32, text: &str) -> Event<&'static str> {
    Event::Answered {
        generation,
        id,
        ms: 2.0,
        reply: Reply::Digest(text.into()),
    }
}

fn got(text: &str) -> Outcome {
    Ok(Answered {
        value: Reply::Digest(text.into()),
        ms: 2.0,
    })
}

/// A hashing supervisor whose worker (generation 1) is ready, and whose warm spare
/// (generation 2) is ready too when `with_spare`: a job that cannot stop part-way (an
/// Argon2 digest, id 1) has been asked for and answered.
fn warm_hashing(with_spare: bool) -> Supervisor<&'static str> {
    let mut s = Supervisor::new(WorkerKind::Hashing);
    assert_eq!(
        s.handle(Event::StartAsked),
        [Command::Spawn { generation: 1 }]
    );
    s.handle(Event::Ready { generation: 1 });
    s.handle(asked(Lane::Secret, argon("first"), "first"));
    let done = s.handle(digest(1, 1, "$argon2id$first"));
    assert_eq!(
        done,
        [
            answer("first", got("$argon2id$first")),
            Command::Spawn { generation: 2 }
        ],
        "once idle, the spare starts"
    );
    if with_spare {
        assert_eq!(s.handle(Event::Ready { generation: 2 }), []);
    }
    s
}

#[test]
fn a_job_asked_before_the_worker_is_ready_is_posted_with_its_budget_once_it_is() {
    let mut s = Supervisor::new(WorkerKind::Parsing);
    assert_eq!(
        s.handle(asked(Lane::Guide, parse("# A"), "a")),
        [Command::Spawn { generation: 1 }]
    );
    assert_eq!(
        s.handle(Event::StartAsked),
        [],
        "a worker already starting is not started twice"
    );
    assert_eq!(
        s.handle(Event::Ready { generation: 1 }),
        [run(1, 1, parse("# A")), budget(1, 1, PARSE_BUDGET_MS)],
        "the parser keeps no spare"
    );
    let document = guide_engine::parse("# A").expect("parses");
    let reply = Reply::Guide(Box::new(document));
    let answered = Event::Answered {
        generation: 1,
        id: 1,
        ms: 3.0,
        reply: reply.clone(),
    };
    assert_eq!(
        s.handle(answered),
        [answer(
            "a",
            Ok(Answered {
                value: reply,
                ms: 3.0
            })
        )]
    );
    assert!(s.is_settled());
}

#[test]
fn each_request_runs_under_its_own_budget() {
    let mut s = warm_hashing(true);
    assert_eq!(
        s.handle(asked(Lane::Check, verify("v"), "v")),
        [run(1, 2, verify("v")), budget(1, 2, VERIFY_BUDGET_MS)]
    );
    assert_eq!(
        s.handle(asked(Lane::Secret, argon("s"), "s")),
        [],
        "one job at a time per worker"
    );
    assert_eq!(
        s.handle(Event::Answered {
            generation: 1,
            id: 2,
            ms: 1.0,
            reply: Reply::Verdict {
                matches: true,
                warnings: Vec::new(),
            },
        })[1..],
        [run(1, 3, argon("s")), budget(1, 3, HASH_BUDGET_MS)]
    );
    assert_eq!(
        (HASH_BUDGET_MS, VERIFY_BUDGET_MS, PARSE_BUDGET_MS),
        (30_000, 90_000, 5_000)
    );
}

#[test]
fn a_newer_digest_that_cannot_stop_part_way_swaps_in_the_warm_spare() {
    let mut s = warm_hashing(true);
    assert_eq!(
        s.handle(asked(Lane::Secret, argon("old"), "old")),
        [run(1, 2, argon("old")), budget(1, 2, HASH_BUDGET_MS)]
    );
    assert_eq!(
        s.handle(asked(Lane::Secret, argon("new"), "new")),
        [
            answer("old", Err(JobError::Superseded)),
            Command::Terminate { generation: 1 },
            Command::Spawn { generation: 3 },
            run(2, 3, argon("new")),
            budget(2, 3, HASH_BUDGET_MS),
        ],
        "the busy worker is ended, the spare takes the newest job, a new spare starts"
    );
    assert_eq!(
        s.handle(digest(2, 1, "$argon2id$old")),
        [],
        "the ended worker's late answer is ignored"
    );
    assert_eq!(
        s.handle(digest(3, 2, "$argon2id$new")),
        [answer("new", got("$argon2id$new"))]
    );
    assert!(!s.is_settled(), "the new spare is still starting");
    s.handle(Event::Ready { generation: 3 });
    assert!(s.is_settled());
}

#[test]
fn without_a_warm_spare_the_newer_digest_waits_for_the_running_one() {
    let mut s = warm_hashing(false);
    s.handle(asked(Lane::Secret, argon("old"), "old"));
    assert_eq!(s.handle(asked(Lane::Secret, argon("new"), "new")), []);
    assert_eq!(
        s.handle(digest(2, 1, "$argon2id$old")),
        [
            answer("old", got("$argon2id$old")),
            run(1, 3, argon("new")),
            budget(1, 3, HASH_BUDGET_MS),
        ],
        "the stale answer still reaches its waiter, which decides it is stale"
    );
}

#[test]
fn a_newer_pbkdf2_digest_stops_the_running_one_at_its_next_slice() {
    let mut s = Supervisor::new(WorkerKind::Hashing);
    s.handle(Event::StartAsked);
    s.handle(Event::Ready { generation: 1 });
    s.handle(asked(Lane::Secret, pbkdf2("old"), "old"));
    assert_eq!(
        s.handle(asked(Lane::Secret, pbkdf2("new"), "new")),
        [Command::Post {
            generation: 1,
            message: PageMessage::Stop(1),
        }]
    );
    let stopped = Event::Answered {
        generation: 1,
        id: 1,
        ms: 4.0,
        reply: Reply::Stopped,
    };
    assert_eq!(
        s.handle(stopped),
        [
            answer(
                "old",
                Ok(Answered {
                    value: Reply::Stopped,
                    ms: 4.0
                })
            ),
            run(1, 2, pbkdf2("new")),
            budget(1, 2, HASH_BUDGET_MS),
        ],
        "the same worker takes the newer job; PBKDF2 alone never wants a spare"
    );
}

#[test]
fn a_stop_the_browser_would_not_post_hands_over_to_the_warm_spare() {
    let mut s = warm_hashing(true);
    s.handle(asked(Lane::Secret, pbkdf2("old"), "old"));
    let stop = PageMessage::Stop(2);
    assert_eq!(
        s.handle(asked(Lane::Secret, pbkdf2("new"), "new")),
        [Command::Post {
            generation: 1,
            message: stop.clone(),
        }]
    );
    assert_eq!(
        s.handle(Event::NotPosted {
            generation: 1,
            message: stop,
        }),
        [
            answer("old", Err(JobError::Superseded)),
            Command::Terminate { generation: 1 },
            Command::Spawn { generation: 3 },
            run(2, 3, pbkdf2("new")),
            budget(2, 3, HASH_BUDGET_MS),
        ]
    );
}

#[test]
fn a_job_past_its_budget_is_answered_too_slow_and_its_worker_started_again() {
    let mut s = Supervisor::new(WorkerKind::Parsing);
    s.handle(asked(Lane::Guide, parse("hang"), "hang"));
    s.handle(Event::Ready { generation: 1 });
    assert_eq!(
        s.handle(Event::BudgetSpent {
            generation: 1,
            id: 1,
        }),
        [
            Command::Terminate { generation: 1 },
            answer(
                "hang",
                Err(JobError::TooSlow(WorkerKind::Parsing, PARSE_BUDGET_MS))
            ),
            Command::Spawn { generation: 2 },
        ]
    );
    s.handle(asked(Lane::Guide, parse("# Next"), "next"));
    assert_eq!(
        s.handle(Event::Ready { generation: 2 }),
        [run(2, 2, parse("# Next")), budget(2, 2, PARSE_BUDGET_MS)]
    );
}

#[test]
fn a_digest_past_its_30_s_budget_is_answered_too_slow_and_its_worker_started_again() {
    let mut s = Supervisor::new(WorkerKind::Hashing);
    s.handle(asked(Lane::Secret, pbkdf2("stuck"), "stuck"));
    assert_eq!(
        s.handle(Event::Ready { generation: 1 }),
        [run(1, 1, pbkdf2("stuck")), budget(1, 1, 30_000)],
        "a digest runs under the README's 30 s"
    );
    let spent = s.handle(Event::BudgetSpent {
        generation: 1,
        id: 1,
    });
    assert_eq!(
        spent,
        [
            Command::Terminate { generation: 1 },
            answer("stuck", Err(JobError::TooSlow(WorkerKind::Hashing, 30_000))),
            Command::Spawn { generation: 2 },
        ]
    );
    let Some(Command::Answer {
        outcome: Err(error),
        ..
    }) = spent.get(1)
    else {
        panic!("no answer: {spent:?}");
    };
    assert_eq!(
        error.to_string(),
        "this took longer than 30 s, so the hashing worker was stopped and restarted"
    );
    // The next digest goes to the new worker, under a fresh budget.
    s.handle(asked(Lane::Secret, pbkdf2("next"), "next"));
    assert_eq!(
        s.handle(Event::Ready { generation: 2 }),
        [run(2, 2, pbkdf2("next")), budget(2, 2, 30_000)]
    );
}

#[test]
fn a_check_past_its_90_s_budget_is_answered_too_slow_and_its_worker_started_again() {
    let mut s = Supervisor::new(WorkerKind::Hashing);
    s.handle(asked(Lane::Check, verify("slow"), "slow"));
    assert_eq!(
        s.handle(Event::Ready { generation: 1 }),
        [
            Command::Spawn { generation: 2 },
            run(1, 1, verify("slow")),
            budget(1, 1, 90_000)
        ],
        "a check runs under the README's 90 s (and cannot stop part-way: a spare starts)"
    );
    let spent = s.handle(Event::BudgetSpent {
        generation: 1,
        id: 1,
    });
    assert_eq!(
        spent,
        [
            Command::Terminate { generation: 1 },
            answer("slow", Err(JobError::TooSlow(WorkerKind::Hashing, 90_000))),
        ],
        "the spare, still starting, becomes the running worker"
    );
    let Some(Command::Answer {
        outcome: Err(error),
        ..
    }) = spent.get(1)
    else {
        panic!("no answer: {spent:?}");
    };
    assert_eq!(
        error.to_string(),
        "this took longer than 90 s, so the hashing worker was stopped and restarted"
    );
}

#[test]
fn a_digest_past_its_budget_hands_the_next_job_to_the_warm_spare() {
    let mut s = warm_hashing(true);
    s.handle(asked(Lane::Check, verify("slow"), "slow"));
    s.handle(asked(Lane::Secret, argon("next"), "next"));
    assert_eq!(
        s.handle(Event::BudgetSpent {
            generation: 1,
            id: 2,
        }),
        [
            Command::Terminate { generation: 1 },
            answer(
                "slow",
                Err(JobError::TooSlow(WorkerKind::Hashing, VERIFY_BUDGET_MS))
            ),
            Command::Spawn { generation: 3 },
            run(2, 3, argon("next")),
            budget(2, 3, HASH_BUDGET_MS),
        ]
    );
}

#[test]
fn a_budget_spent_after_its_job_was_answered_is_ignored() {
    let mut s = warm_hashing(true);
    assert_eq!(
        s.handle(Event::BudgetSpent {
            generation: 1,
            id: 1,
        }),
        []
    );
    s.handle(asked(Lane::Secret, argon("b"), "b"));
    assert_eq!(
        s.handle(Event::BudgetSpent {
            generation: 2,
            id: 2,
        }),
        [],
        "a budget names the worker it was armed for"
    );
}

#[test]
fn three_failed_starts_make_the_worker_unavailable_and_every_job_is_told() {
    // The README's table promises 3; the count below is written out, not derived from
    // the constant, so a change to either is caught here.
    assert_eq!(MAX_FAILED_STARTS, 3);
    let mut s = Supervisor::new(WorkerKind::Hashing);
    s.handle(asked(Lane::Check, verify("v"), "v"));
    s.handle(asked(Lane::Secret, argon("s"), "s"));
    let crash = |generation| Event::Crashed {
        generation,
        said: String::new(),
    };
    assert_eq!(
        s.handle(crash(1)),
        [
            Command::Terminate { generation: 1 },
            Command::Spawn { generation: 2 }
        ],
        "the first failed start is tried again"
    );
    assert_eq!(
        s.handle(crash(2)),
        [
            Command::Terminate { generation: 2 },
            Command::Spawn { generation: 3 }
        ],
        "the second failed start is tried again"
    );
    let gone = |waiter| {
        let reason = "its script could not be loaded".to_owned();
        answer(
            waiter,
            Err(JobError::Unavailable(WorkerKind::Hashing, reason)),
        )
    };
    assert_eq!(
        s.handle(crash(3)),
        [Command::Terminate { generation: 3 }, gone("v"), gone("s")],
        "the third failed start is the last"
    );
    assert_eq!(
        s.handle(asked(Lane::Secret, argon("later"), "later")),
        [gone("later")],
        "no start is tried again"
    );
    assert_eq!(s.handle(Event::StartAsked), []);
    assert!(!s.is_settled());
}

#[test]
fn a_worker_that_got_ready_resets_the_count_of_failed_starts() {
    let mut s = Supervisor::<&str>::new(WorkerKind::Parsing);
    s.handle(Event::StartAsked);
    s.handle(Event::Crashed {
        generation: 1,
        said: String::new(),
    });
    s.handle(Event::Crashed {
        generation: 2,
        said: String::new(),
    });
    s.handle(Event::Ready { generation: 3 });
    s.handle(Event::Crashed {
        generation: 3,
        said: "boom".into(),
    });
    assert_eq!(
        s.handle(Event::Crashed {
            generation: 4,
            said: String::new(),
        }),
        [
            Command::Terminate { generation: 4 },
            Command::Spawn { generation: 5 }
        ],
        "one failed start since the last ready worker"
    );
}

#[test]
fn a_worker_the_browser_refuses_to_create_is_unavailable_at_once_with_its_reason() {
    let mut s = Supervisor::new(WorkerKind::Parsing);
    s.handle(asked(Lane::Guide, parse("# A"), "a"));
    let reason = "the browser refused to start it".to_owned();
    assert_eq!(
        s.handle(Event::NotStarted {
            generation: 1,
            reason: reason.clone(),
        }),
        [answer(
            "a",
            Err(JobError::Unavailable(WorkerKind::Parsing, reason))
        )]
    );
}

#[test]
fn a_crash_answers_the_running_job_and_the_waiting_jobs_of_other_lanes_go_on() {
    let mut s = warm_hashing(true);
    s.handle(asked(Lane::Check, verify("crash"), "crash"));
    s.handle(asked(Lane::Secret, argon("next"), "next"));
    assert_eq!(
        s.handle(Event::Crashed {
            generation: 1,
            said: "simulated crash".into(),
        }),
        [
            Command::Terminate { generation: 1 },
            answer("crash", Err(JobError::Crashed(WorkerKind::Hashing))),
            Command::Spawn { generation: 3 },
            run(2, 3, argon("next")),
            budget(2, 3, HASH_BUDGET_MS),
        ],
        "the warm spare takes over and a new spare starts"
    );
}

#[test]
fn a_crash_without_a_spare_starts_a_new_worker_for_the_waiting_jobs() {
    let mut s = Supervisor::new(WorkerKind::Parsing);
    s.handle(asked(Lane::Guide, parse("crash"), "crash"));
    s.handle(Event::Ready { generation: 1 });
    s.handle(asked(Lane::Guide, parse("# Next"), "next"));
    assert_eq!(
        s.handle(Event::Crashed {
            generation: 1,
            said: String::new(),
        }),
        [
            Command::Terminate { generation: 1 },
            answer("crash", Err(JobError::Crashed(WorkerKind::Parsing))),
            Command::Spawn { generation: 2 },
        ]
    );
    assert_eq!(
        s.handle(Event::Ready { generation: 2 }),
        [run(2, 2, parse("# Next")), budget(2, 2, PARSE_BUDGET_MS)]
    );
}

#[test]
fn a_spare_that_fails_is_only_a_spare_lost() {
    let mut s = warm_hashing(false);
    assert_eq!(
        s.handle(Event::Crashed {
            generation: 2,
            said: String::new(),
        }),
        [Command::Terminate { generation: 2 }]
    );
    assert_eq!(
        s.handle(asked(Lane::Secret, argon("a"), "a")),
        [run(1, 2, argon("a")), budget(1, 2, HASH_BUDGET_MS)]
    );
    assert_eq!(
        s.handle(digest(2, 1, "$a")),
        [answer("a", got("$a")), Command::Spawn { generation: 3 }],
        "a new spare is started once idle again"
    );
    assert_eq!(
        s.handle(Event::NotStarted {
            generation: 3,
            reason: "refused".into(),
        }),
        [],
        "a spare the browser refuses does not make the worker unavailable"
    );
    assert!(s.is_settled());
}

#[test]
fn a_newer_job_replaces_the_waiting_one_of_its_lane_only() {
    let mut s = Supervisor::new(WorkerKind::Hashing);
    s.handle(asked(Lane::Check, verify("c"), "c"));
    s.handle(asked(Lane::Secret, argon("a"), "a"));
    assert_eq!(
        s.handle(asked(Lane::Secret, argon("b"), "b")),
        [answer("a", Err(JobError::Superseded))]
    );
    assert_eq!(
        s.handle(Event::Ready { generation: 1 })[1..],
        [run(1, 1, verify("c")), budget(1, 1, VERIFY_BUDGET_MS)]
    );
}

#[test]
fn a_job_the_browser_would_not_post_is_refused_and_the_next_one_goes() {
    let mut s = warm_hashing(true);
    s.handle(asked(Lane::Check, verify("c"), "c"));
    s.handle(asked(Lane::Secret, argon("s"), "s"));
    let unsent = PageMessage::Run(Envelope {
        id: 2,
        request: verify("c"),
    });
    let reason = "the request could not be handed to the hashing worker".to_owned();
    assert_eq!(
        s.handle(Event::NotPosted {
            generation: 1,
            message: unsent,
        }),
        [
            answer("c", Err(JobError::Refused(reason))),
            run(1, 3, argon("s")),
            budget(1, 3, HASH_BUDGET_MS),
        ]
    );
}

#[test]
fn events_from_a_worker_already_replaced_are_ignored() {
    let mut s = warm_hashing(true);
    s.handle(asked(Lane::Secret, argon("old"), "old"));
    s.handle(asked(Lane::Secret, argon("new"), "new"));
    // Generation 1 was ended by the swap; the spare (2) runs "new".
    assert_eq!(
        s.handle(Event::Crashed {
            generation: 1,
            said: String::new(),
        }),
        []
    );
    assert_eq!(s.handle(Event::Ready { generation: 1 }), []);
    assert_eq!(
        s.handle(Event::BudgetSpent {
            generation: 1,
            id: 3,
        }),
        []
    );
    let stale_unsent = PageMessage::Run(Envelope {
        id: 3,
        request: argon("new"),
    });
    assert_eq!(
        s.handle(Event::NotPosted {
            generation: 1,
            message: stale_unsent,
        }),
        []
    );
    assert_eq!(s.handle(digest(3, 2, "$new")), [answer("new", got("$new"))]);
}

#[test]
fn the_hashing_worker_is_settled_only_when_it_and_its_spare_are_warm_and_idle() {
    let mut s = Supervisor::<&str>::new(WorkerKind::Hashing);
    assert!(!s.is_settled(), "not started");
    s.handle(Event::StartAsked);
    assert!(!s.is_settled(), "starting");
    s.handle(Event::Ready { generation: 1 });
    assert!(s.is_settled(), "no spare is wanted yet");
    s.handle(asked(Lane::Secret, argon("a"), "a"));
    assert!(!s.is_settled(), "busy");
    s.handle(digest(1, 1, "$a"));
    assert!(!s.is_settled(), "its spare is starting");
    s.handle(Event::Ready { generation: 2 });
    assert!(s.is_settled());
}

/// The page as `app::workers` is, natively: it carries out each command in order, and
/// what that causes (a waiter's code asking for more, a refusal) waits in the inbox
/// until the commands of the event before it are all carried out. Workers answer only
/// when the test says.
struct Page {
    supervisor: Supervisor<u32>,
    inbox: VecDeque<Event<u32>>,
    /// Every answer, by waiter, in the order given.
    answers: Vec<(u32, Outcome)>,
    /// Started workers not yet ended, and whether each has said it is ready.
    live: Vec<(u32, bool)>,
    /// Jobs posted and not yet answered, by worker.
    posted: Vec<(u32, u32)>,
    /// Budgets armed.
    budgets: Vec<(u32, u32)>,
    refuse_spawn: bool,
    refuse_post: bool,
    /// When the waiter with this number is answered, its code asks for this job.
    then_ask: Option<(u32, Event<u32>)>,
}

impl Page {
    fn new(kind: WorkerKind) -> Page {
        Page {
            supervisor: Supervisor::new(kind),
            inbox: VecDeque::new(),
            answers: Vec::new(),
            live: Vec::new(),
            posted: Vec::new(),
            budgets: Vec::new(),
            refuse_spawn: false,
            refuse_post: false,
            then_ask: None,
        }
    }

    fn deliver(&mut self, event: Event<u32>) {
        self.inbox.push_back(event);
        while let Some(event) = self.inbox.pop_front() {
            for command in self.supervisor.handle(event) {
                self.execute(command);
            }
        }
    }

    fn execute(&mut self, command: Command<u32>) {
        match command {
            Command::Spawn { generation } if self.refuse_spawn => {
                let reason = "refused".into();
                self.inbox
                    .push_back(Event::NotStarted { generation, reason });
            }
            Command::Spawn { generation } => self.live.push((generation, false)),
            Command::Post {
                generation,
                message,
            } => {
                assert!(
                    self.live.contains(&(generation, true)),
                    "posted only to a ready worker"
                );
                if self.refuse_post {
                    self.inbox.push_back(Event::NotPosted {
                        generation,
                        message,
                    });
                } else if let PageMessage::Run(envelope) = message {
                    self.posted.push((generation, envelope.id));
                }
            }
            Command::Terminate { generation } => {
                self.live.retain(|(g, _)| *g != generation);
                self.posted.retain(|(g, _)| *g != generation);
            }
            Command::ArmBudget { generation, id, .. } => self.budgets.push((generation, id)),
            Command::Answer { waiter, outcome } => {
                self.answers.push((waiter, outcome));
                if self.then_ask.as_ref().is_some_and(|(w, _)| *w == waiter)
                    && let Some((_, event)) = self.then_ask.take()
                {
                    // As the page's code would: it runs while the commands are carried out.
                    self.inbox.push_back(event);
                }
            }
        }
    }

    /// Every live worker gets ready and answers what it was posted, until nothing is
    /// left to do.
    fn settle(&mut self) {
        for _ in 0..1000 {
            if let Some(at) = self.live.iter().position(|(_, ready)| !ready) {
                let generation = self.live[at].0;
                self.live[at].1 = true;
                self.deliver(Event::Ready { generation });
            } else if let Some((generation, id)) = self.posted.first().copied() {
                self.posted.remove(0);
                self.deliver(Event::Answered {
                    generation,
                    id,
                    ms: 1.0,
                    reply: Reply::Digest(format!("{id}")),
                });
            } else {
                return;
            }
        }
    }
}

#[test]
fn a_job_asked_for_while_an_answer_is_handed_over_is_handled_after_it_and_answered() {
    let mut page = Page::new(WorkerKind::Hashing);
    page.then_ask = Some((1, asked(Lane::Secret, argon("second"), 2)));
    page.deliver(asked(Lane::Secret, argon("first"), 1));
    page.settle();
    let waiters: Vec<u32> = page.answers.iter().map(|(w, _)| *w).collect();
    assert_eq!(waiters, [1, 2]);
    assert!(page.answers.iter().all(|(_, outcome)| outcome.is_ok()));
    assert!(page.supervisor.is_settled());
}

#[test]
fn a_refusal_reported_while_commands_are_carried_out_still_answers_the_job() {
    let mut page = Page::new(WorkerKind::Parsing);
    page.refuse_spawn = true;
    page.deliver(asked(Lane::Guide, parse("# A"), 1));
    assert_eq!(
        page.answers,
        [(
            1,
            Err(JobError::Unavailable(WorkerKind::Parsing, "refused".into()))
        )]
    );
}

/// Something that can happen to the page and its workers.
#[derive(Clone, Debug)]
enum Happening {
    Ask(u8, bool),
    StartAsked,
    Ready(usize),
    WorkerAnswers,
    Crash(usize),
    BudgetSpent(usize),
    RefuseSpawn(bool),
    RefusePost(bool),
}

fn happening() -> impl Strategy<Value = Happening> {
    prop_oneof![
        3 => (0u8..4, any::<bool>()).prop_map(|(which, then)| Happening::Ask(which, then)),
        1 => Just(Happening::StartAsked),
        3 => (0usize..4).prop_map(Happening::Ready),
        3 => Just(Happening::WorkerAnswers),
        1 => (0usize..4).prop_map(Happening::Crash),
        1 => (0usize..4).prop_map(Happening::BudgetSpent),
        1 => any::<bool>().prop_map(Happening::RefuseSpawn),
        1 => any::<bool>().prop_map(Happening::RefusePost),
    ]
}

proptest! {
    #[test]
    fn every_waiter_is_answered_exactly_once_whatever_happens(
        parser in any::<bool>(),
        happenings in proptest::collection::vec(happening(), 0..40),
    ) {
        let kind = if parser { WorkerKind::Parsing } else { WorkerKind::Hashing };
        let mut page = Page::new(kind);
        let mut asked_for = 0u32;
        let mut ask = |which: u8| {
            asked_for += 1;
            let (lane, request) = match (kind, which) {
                (WorkerKind::Parsing, _) => (Lane::Guide, parse("# A")),
                (_, 0) => (Lane::Secret, argon("a")),
                (_, 1) => (Lane::Secret, pbkdf2("p")),
                _ => (Lane::Check, verify("v")),
            };
            (asked_for, asked(lane, request, asked_for))
        };
        let mut last = 0;
        for happening in happenings {
            match happening {
                Happening::Ask(which, then) => {
                    let (waiter, event) = ask(which);
                    last = waiter;
                    if then && page.then_ask.is_none() {
                        // Asked for by the code that this waiter runs when answered.
                        let (next, then_event) = ask(which);
                        last = next;
                        page.then_ask = Some((waiter, then_event));
                    }
                    page.deliver(event);
                }
                Happening::StartAsked => page.deliver(Event::StartAsked),
                Happening::Ready(at) => {
                    if let Some(slot) = page.live.get_mut(at) {
                        slot.1 = true;
                        let generation = slot.0;
                        page.deliver(Event::Ready { generation });
                    }
                }
                Happening::WorkerAnswers => {
                    if let Some((generation, id)) = page.posted.first().copied() {
                        page.posted.remove(0);
                        let reply = Reply::Stopped;
                        page.deliver(Event::Answered { generation, id, ms: 1.0, reply });
                    }
                }
                Happening::Crash(at) => {
                    if let Some(&(generation, _)) = page.live.get(at) {
                        page.deliver(Event::Crashed { generation, said: String::new() });
                    }
                }
                Happening::BudgetSpent(at) => {
                    if let Some(&(generation, id)) = page.budgets.get(at) {
                        page.deliver(Event::BudgetSpent { generation, id });
                    }
                }
                Happening::RefuseSpawn(refuse) => page.refuse_spawn = refuse,
                Happening::RefusePost(refuse) => page.refuse_post = refuse,
            }
        }
        page.refuse_post = false;
        page.settle();
        let mut waiters: Vec<u32> = page.answers.iter().map(|(w, _)| *w).collect();
        // The job a waiter's code asks for is asked only once that waiter is answered.
        let mut expected: Vec<u32> = (1..=last).collect();
        if let Some((_, Event::Asked { waiter, .. })) = page.then_ask {
            expected.retain(|w| *w != waiter);
        }
        waiters.sort_unstable();
        prop_assert_eq!(waiters, expected);
    }
}
