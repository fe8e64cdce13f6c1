//! A whole form: its sections in order, each shown while its condition holds.

use leptos::prelude::*;
use rukun_core::form::{FormDef, Scope};

use super::field_view::FieldView;
use super::messages::localized;
use super::FormCtx;

#[component]
pub fn FormView(ctx: FormCtx, form: FormDef) -> impl IntoView {
    form.sections
        .into_iter()
        .map(|section| {
            let condition = section.relevant.clone();
            let ids: Vec<String> = section.fields.iter().map(|f| f.id.clone()).collect();
            let asked = Memo::new(move |_| match &condition {
                // A refusal hides the sections it keeps nothing of.
                _ if ctx.refusal.with(|keeps| {
                    keeps
                        .as_ref()
                        .is_some_and(|k| !ids.iter().any(|id| k.contains(id)))
                }) =>
                {
                    false
                }
                None => true,
                Some(c) => ctx.answers.with(|answers| {
                    c.holds(&Scope {
                        answers,
                        row: None,
                        today: ctx.today,
                    })
                }),
            });
            let title = localized(&section.title, ctx);
            let fields = section.fields.clone();
            move || {
                asked.get().then(|| {
                    let fields = fields.clone();
                    view! {
                        <section class="card form-section">
                            <h2>{title}</h2>
                            {fields.into_iter().map(|field| {
                                let path = field.id.clone();
                                view! { <FieldView ctx field path row=None /> }
                            }).collect_view()}
                        </section>
                    }
                })
            }
        })
        .collect_view()
}
