"""the OCOP cycle: guidance, ideas, business plans, dossiers, evaluation rounds, decisions, provenance

Revision ID: 1b38f809316d
Revises: c78215eab008
Create Date: 2026-11-29 16:43:09.115329

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1b38f809316d'
down_revision = 'c78215eab008'
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: the whole schema of marketplace/cycle/models (every table prefixed cycle_).
    # Guidance posts (province NULL = national) and their attachments; product ideas (producer
    # NULL for a person without one), their one business plan, its documents, comments and
    # milestones; the dossier checklist per OCOP group (data) and dossiers with their items;
    # scoring sheets and criteria; rounds, council seats (one chair per round: a partial
    # unique index on SQLite and PostgreSQL), entries (averages in hundredths), scores and
    # their lines; the province's decision (one per round) and the provenance of each
    # certificate the cycle made (certification_id unique; nothing added to certifications).
    # A create form is idempotent through core.submissions (form_submissions), not columns here.
    op.create_table('cycle_dossier_requirements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_code', sa.SmallInteger(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name_vi', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_dossier_requirements')),
    sa.UniqueConstraint('group_code', 'code', name=op.f('uq_cycle_dossier_requirements_group_code'))
    )
    with op.batch_alter_table('cycle_dossier_requirements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_dossier_requirements_group_code'), ['group_code'], unique=False)

    op.create_table('cycle_guidance_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.Enum('news', 'guidance', 'document', name='guidance_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('slug', sa.String(length=220), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'withdrawn', name='guidance_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_cycle_guidance_posts_author_id_users')),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_cycle_guidance_posts_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_guidance_posts')),
    sa.UniqueConstraint('slug', name=op.f('uq_cycle_guidance_posts_slug'))
    )
    with op.batch_alter_table('cycle_guidance_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_guidance_posts_province_id'), ['province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_guidance_posts_status'), ['status'], unique=False)

    op.create_table('cycle_rounds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('open', 'scoring', 'closed', name='round_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('scoring_started_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_cycle_rounds_closed_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cycle_rounds_created_by_id_users')),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_cycle_rounds_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_rounds'))
    )
    with op.batch_alter_table('cycle_rounds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_rounds_closed_at'), ['closed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_rounds_province_id'), ['province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_rounds_status'), ['status'], unique=False)

    op.create_table('cycle_scoring_sheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_code', sa.SmallInteger(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cycle_scoring_sheets_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_scoring_sheets'))
    )
    with op.batch_alter_table('cycle_scoring_sheets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_scoring_sheets_group_code'), ['group_code'], unique=False)

    op.create_table('cycle_council_members',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chair', 'member', name='council_role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['cycle_rounds.id'], name=op.f('fk_cycle_council_members_round_id_cycle_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cycle_council_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('round_id', 'user_id', name=op.f('pk_cycle_council_members'))
    )
    with op.batch_alter_table('cycle_council_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_council_members_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_cycle_council_members_one_chair', ['round_id'], unique=True, sqlite_where=sa.text("role = 'chair'"), postgresql_where=sa.text("role = 'chair'"))

    op.create_table('cycle_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('signer', sa.String(length=200), nullable=False),
    sa.Column('issuing_body', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cycle_decisions_created_by_id_users')),
    sa.ForeignKeyConstraint(['round_id'], ['cycle_rounds.id'], name=op.f('fk_cycle_decisions_round_id_cycle_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_decisions')),
    sa.UniqueConstraint('round_id', name=op.f('uq_cycle_decisions_round_id'))
    )
    op.create_table('cycle_guidance_attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['cycle_guidance_posts.id'], name=op.f('fk_cycle_guidance_attachments_post_id_cycle_guidance_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_guidance_attachments'))
    )
    with op.batch_alter_table('cycle_guidance_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_guidance_attachments_post_id'), ['post_id'], unique=False)

    op.create_table('cycle_ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=True),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('product_name', sa.String(length=200), nullable=False),
    sa.Column('local_features', sa.Text(), nullable=False),
    sa.Column('raw_materials', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'changes_requested', 'acknowledged', 'declined', name='idea_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('reason', sa.String(length=1000), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['users.id'], name=op.f('fk_cycle_ideas_applicant_id_users')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_cycle_ideas_category_id_categories')),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_cycle_ideas_producer_id_producers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_cycle_ideas_province_id_provinces')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_cycle_ideas_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_ideas'))
    )
    with op.batch_alter_table('cycle_ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_ideas_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_ideas_producer_id'), ['producer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_ideas_province_id'), ['province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_ideas_status'), ['status'], unique=False)

    op.create_table('cycle_sheet_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=4), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('max_points', sa.SmallInteger(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('max_points > 0', name=op.f('ck_cycle_sheet_criteria_max_points_positive')),
    sa.ForeignKeyConstraint(['sheet_id'], ['cycle_scoring_sheets.id'], name=op.f('fk_cycle_sheet_criteria_sheet_id_cycle_scoring_sheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_sheet_criteria')),
    sa.UniqueConstraint('sheet_id', 'code', name=op.f('uq_cycle_sheet_criteria_sheet_id'))
    )
    with op.batch_alter_table('cycle_sheet_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_sheet_criteria_sheet_id'), ['sheet_id'], unique=False)

    op.create_table('cycle_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'changes_requested', 'accepted', name='plan_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cycle_plans_created_by_id_users')),
    sa.ForeignKeyConstraint(['idea_id'], ['cycle_ideas.id'], name=op.f('fk_cycle_plans_idea_id_cycle_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_cycle_plans_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_plans')),
    sa.UniqueConstraint('idea_id', name=op.f('uq_cycle_plans_idea_id'))
    )
    with op.batch_alter_table('cycle_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_plans_status'), ['status'], unique=False)

    op.create_table('cycle_dossiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('group_code', sa.SmallInteger(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'returned', 'complete', 'evaluated', name='dossier_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('return_note', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['users.id'], name=op.f('fk_cycle_dossiers_checked_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cycle_dossiers_created_by_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['cycle_plans.id'], name=op.f('fk_cycle_dossiers_plan_id_cycle_plans'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_cycle_dossiers_producer_id_producers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_cycle_dossiers_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_cycle_dossiers_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_dossiers'))
    )
    with op.batch_alter_table('cycle_dossiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_dossiers_completed_at'), ['completed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_dossiers_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_dossiers_producer_id'), ['producer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_dossiers_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_dossiers_province_id'), ['province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_dossiers_status'), ['status'], unique=False)

    op.create_table('cycle_milestones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['cycle_plans.id'], name=op.f('fk_cycle_milestones_plan_id_cycle_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_milestones'))
    )
    with op.batch_alter_table('cycle_milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_milestones_plan_id'), ['plan_id'], unique=False)

    op.create_table('cycle_plan_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('by_officer', sa.Boolean(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_cycle_plan_comments_author_id_users')),
    sa.ForeignKeyConstraint(['plan_id'], ['cycle_plans.id'], name=op.f('fk_cycle_plan_comments_plan_id_cycle_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_plan_comments'))
    )
    with op.batch_alter_table('cycle_plan_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_plan_comments_plan_id'), ['plan_id'], unique=False)

    op.create_table('cycle_plan_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['cycle_plans.id'], name=op.f('fk_cycle_plan_documents_plan_id_cycle_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_cycle_plan_documents_uploaded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_plan_documents'))
    )
    with op.batch_alter_table('cycle_plan_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_plan_documents_plan_id'), ['plan_id'], unique=False)

    op.create_table('cycle_dossier_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=True),
    sa.Column('name_vi', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('state', sa.Enum('empty', 'uploaded', 'missing', name='dossier_item_state', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=True),
    sa.Column('uploaded_at', sa.DateTime(), nullable=True),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['cycle_dossiers.id'], name=op.f('fk_cycle_dossier_items_dossier_id_cycle_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['cycle_dossier_requirements.id'], name=op.f('fk_cycle_dossier_items_requirement_id_cycle_dossier_requirements'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_dossier_items')),
    sa.UniqueConstraint('dossier_id', 'position', name=op.f('uq_cycle_dossier_items_dossier_id'))
    )
    with op.batch_alter_table('cycle_dossier_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_dossier_items_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('cycle_round_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('sheet_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('assigned', 'evaluated', 'proposed', 'recognised', 'not_recognised', name='entry_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('scorers', sa.SmallInteger(), nullable=True),
    sa.Column('points', sa.SmallInteger(), nullable=True),
    sa.Column('average_x100', sa.Integer(), nullable=True),
    sa.Column('parts_x100', sa.JSON(), nullable=True),
    sa.Column('stars', sa.SmallInteger(), nullable=True),
    sa.Column('proposed_at', sa.DateTime(), nullable=True),
    sa.Column('central_points', sa.SmallInteger(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['cycle_dossiers.id'], name=op.f('fk_cycle_round_entries_dossier_id_cycle_dossiers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['cycle_rounds.id'], name=op.f('fk_cycle_round_entries_round_id_cycle_rounds'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sheet_id'], ['cycle_scoring_sheets.id'], name=op.f('fk_cycle_round_entries_sheet_id_cycle_scoring_sheets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_round_entries')),
    sa.UniqueConstraint('dossier_id', name=op.f('uq_cycle_round_entries_dossier_id'))
    )
    with op.batch_alter_table('cycle_round_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_round_entries_proposed_at'), ['proposed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_round_entries_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_round_entries_status'), ['status'], unique=False)

    op.create_table('cycle_provenance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('average_x100', sa.Integer(), nullable=False),
    sa.Column('parts_x100', sa.JSON(), nullable=False),
    sa.Column('members', sa.SmallInteger(), nullable=False),
    sa.Column('central_points', sa.SmallInteger(), nullable=True),
    sa.Column('signer', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certifications.id'], name=op.f('fk_cycle_provenance_certification_id_certifications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decision_id'], ['cycle_decisions.id'], name=op.f('fk_cycle_provenance_decision_id_cycle_decisions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entry_id'], ['cycle_round_entries.id'], name=op.f('fk_cycle_provenance_entry_id_cycle_round_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['cycle_rounds.id'], name=op.f('fk_cycle_provenance_round_id_cycle_rounds'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_provenance')),
    sa.UniqueConstraint('certification_id', name=op.f('uq_cycle_provenance_certification_id')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_cycle_provenance_entry_id'))
    )
    with op.batch_alter_table('cycle_provenance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_provenance_round_id'), ['round_id'], unique=False)

    op.create_table('cycle_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('total', sa.SmallInteger(), nullable=False),
    sa.Column('parts', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['cycle_round_entries.id'], name=op.f('fk_cycle_scores_entry_id_cycle_round_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['users.id'], name=op.f('fk_cycle_scores_member_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_scores')),
    sa.UniqueConstraint('entry_id', 'member_id', name=op.f('uq_cycle_scores_entry_id'))
    )
    with op.batch_alter_table('cycle_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_scores_entry_id'), ['entry_id'], unique=False)

    op.create_table('cycle_score_lines',
    sa.Column('score_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['criterion_id'], ['cycle_sheet_criteria.id'], name=op.f('fk_cycle_score_lines_criterion_id_cycle_sheet_criteria')),
    sa.ForeignKeyConstraint(['score_id'], ['cycle_scores.id'], name=op.f('fk_cycle_score_lines_score_id_cycle_scores'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('score_id', 'criterion_id', name=op.f('pk_cycle_score_lines'))
    )


def downgrade():
    op.drop_table('cycle_score_lines')
    with op.batch_alter_table('cycle_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_scores_entry_id'))

    op.drop_table('cycle_scores')
    with op.batch_alter_table('cycle_provenance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_provenance_round_id'))

    op.drop_table('cycle_provenance')
    with op.batch_alter_table('cycle_round_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_round_entries_status'))
        batch_op.drop_index(batch_op.f('ix_cycle_round_entries_round_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_round_entries_proposed_at'))

    op.drop_table('cycle_round_entries')
    with op.batch_alter_table('cycle_dossier_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_dossier_items_dossier_id'))

    op.drop_table('cycle_dossier_items')
    with op.batch_alter_table('cycle_plan_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_plan_documents_plan_id'))

    op.drop_table('cycle_plan_documents')
    with op.batch_alter_table('cycle_plan_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_plan_comments_plan_id'))

    op.drop_table('cycle_plan_comments')
    with op.batch_alter_table('cycle_milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_milestones_plan_id'))

    op.drop_table('cycle_milestones')
    with op.batch_alter_table('cycle_dossiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_dossiers_status'))
        batch_op.drop_index(batch_op.f('ix_cycle_dossiers_province_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_dossiers_product_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_dossiers_producer_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_dossiers_plan_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_dossiers_completed_at'))

    op.drop_table('cycle_dossiers')
    with op.batch_alter_table('cycle_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_plans_status'))

    op.drop_table('cycle_plans')
    with op.batch_alter_table('cycle_sheet_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_sheet_criteria_sheet_id'))

    op.drop_table('cycle_sheet_criteria')
    with op.batch_alter_table('cycle_ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_ideas_status'))
        batch_op.drop_index(batch_op.f('ix_cycle_ideas_province_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_ideas_producer_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_ideas_applicant_id'))

    op.drop_table('cycle_ideas')
    with op.batch_alter_table('cycle_guidance_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_guidance_attachments_post_id'))

    op.drop_table('cycle_guidance_attachments')
    op.drop_table('cycle_decisions')
    with op.batch_alter_table('cycle_council_members', schema=None) as batch_op:
        batch_op.drop_index('uq_cycle_council_members_one_chair', sqlite_where=sa.text("role = 'chair'"), postgresql_where=sa.text("role = 'chair'"))
        batch_op.drop_index(batch_op.f('ix_cycle_council_members_user_id'))

    op.drop_table('cycle_council_members')
    with op.batch_alter_table('cycle_scoring_sheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_scoring_sheets_group_code'))

    op.drop_table('cycle_scoring_sheets')
    with op.batch_alter_table('cycle_rounds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_rounds_status'))
        batch_op.drop_index(batch_op.f('ix_cycle_rounds_province_id'))
        batch_op.drop_index(batch_op.f('ix_cycle_rounds_closed_at'))

    op.drop_table('cycle_rounds')
    with op.batch_alter_table('cycle_guidance_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_guidance_posts_status'))
        batch_op.drop_index(batch_op.f('ix_cycle_guidance_posts_province_id'))

    op.drop_table('cycle_guidance_posts')
    with op.batch_alter_table('cycle_dossier_requirements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_dossier_requirements_group_code'))

    op.drop_table('cycle_dossier_requirements')
